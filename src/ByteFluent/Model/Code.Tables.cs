using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Model;

public sealed partial class Code
{
    /// <summary>
    /// Disassembles a code object written with <paramref name="table"/>'s opcode numbers (nested code objects
    /// included): e.g. a <c>.pyc</c> of a CPython build with remapped opcodes, read with that build's table. The
    /// model's instructions carry the table's opcodes; <see cref="ToCode(OpcodeTable)"/> with the version's built-in
    /// table writes standard bytecode.
    /// </summary>
    /// <exception cref="BytecodeFormatException">The code bytes or one of the tables cannot be decoded with this table.</exception>
    /// <exception cref="UnsupportedPythonVersionException">The table's version is not one ByteFluent knows the layout of.</exception>
    public static Code FromCode(PyCode code, OpcodeTable table) => FromCode(code, table, nested: true);

    /// <summary>
    /// Assembles the model with <paramref name="table"/>'s opcode numbers (its version's layout rules): instructions are
    /// matched to the table's opcodes by name, nested <see cref="Code"/> constants included.
    /// </summary>
    /// <exception cref="InvalidCodeException">An entry cannot be assembled (an opcode the table lacks, wrong argument kind, …).</exception>
    /// <exception cref="StackDepthException">The stack-depth analysis finds underflow or inconsistent depths.</exception>
    public PyCode ToCode(OpcodeTable table) => ToCode(BytecodeDialect.For(table), AssembleOptions.Default);

    /// <summary>Assembles the model with <paramref name="table"/>'s opcode numbers and <paramref name="options"/> (see <see cref="ToCode(OpcodeTable)"/>).</summary>
    /// <exception cref="InvalidCodeException">An entry cannot be assembled (an opcode the table lacks, wrong argument kind, …).</exception>
    /// <exception cref="StackDepthException">The stack-depth analysis finds underflow or inconsistent depths.</exception>
    public PyCode ToCode(OpcodeTable table, AssembleOptions options) => ToCode(BytecodeDialect.For(table), options);
}
