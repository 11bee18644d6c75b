using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Transforms;

/// <summary>
/// <c>nops</c>: a <c>NOP</c> before every instruction. It is placed after the labels, line markers and exception
/// region markers that precede the instruction, so jumps land on it, it belongs to the instruction's line and
/// position, and it is covered by the same exception handler. Where the interpreter finds an instruction by position
/// (<see cref="InstructionAdjacency"/>) no NOP is inserted. Every offset moves, jumps grow past EXTENDED_ARG
/// boundaries, and the line/location table, exception table and stack size must be rebuilt.
/// </summary>
public sealed class NopsTransform : ICodeTransform
{
    /// <inheritdoc/>
    public string Name => "nops";

    /// <inheritdoc/>
    public string Description => "Insert a NOP before every instruction (keeping lines, positions and handlers).";

    /// <inheritdoc/>
    public void Apply(Code code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var nop = OpcodeTables.ForVersion(code.Version)["NOP"];
        var rules = InstructionAdjacency.For(code.Version);
        var instructions = code.CodeList.OfType<Instr>().ToList();
        var result = new CodeList();
        var index = 0;
        var startsLine = false;
        foreach (var item in code.CodeList)
        {
            if (item is Instr && rules.MayInsertBefore(instructions, index++, startsLine))
            {
                result.Add(new Instr(nop));
            }

            startsLine = item switch
            {
                SetLineno => true,
                Instr => false,
                _ => startsLine,
            };
            result.Add(item);
        }

        code.CodeList = result;
    }
}
