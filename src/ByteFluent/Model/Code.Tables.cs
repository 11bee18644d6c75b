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
    public PyCode ToCode(OpcodeTable table) => Build(BytecodeDialect.For(table));

    /// <summary>The code objects already assembled by the outermost <see cref="Build"/> on this thread.</summary>
    [ThreadStatic]
    private static Dictionary<Code, (OpcodeTable Table, PyCode Built)>? built;

    /// <summary>
    /// Assembles the model, each nested model once per outermost call: a model shared by several constants (as
    /// <see cref="FromCode(PyCode, OpcodeTable)"/> makes of a code object shared through marshal references) is
    /// built once and the result shared, so the work stays linear in the number of distinct objects.
    /// </summary>
    private PyCode Build(BytecodeDialect dialect)
    {
        var outermost = built is null;
        built ??= new Dictionary<Code, (OpcodeTable, PyCode)>(ReferenceEqualityComparer.Instance);
        try
        {
            if (built.TryGetValue(this, out var done) && ReferenceEquals(done.Table, dialect.Table))
            {
                return done.Built;
            }

            var result = new Assembler(this, dialect).Run();
            built[this] = (dialect.Table, result);
            return result;
        }
        finally
        {
            if (outermost)
            {
                built = null;
            }
        }
    }
}
