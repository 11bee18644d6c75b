using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Transforms;

/// <summary>
/// <c>split-blocks</c>: where execution falls through into a basic block (a label that a jump or an exception
/// handler targets), an unconditional <c>JUMP_FORWARD</c> to that label is inserted, so every block boundary
/// becomes an explicit jump to the next instruction. Nothing is inserted after instructions that never fall through,
/// nor where <see cref="InstructionAdjacency"/> forbids it.
/// </summary>
public sealed class SplitBlocksTransform : ICodeTransform
{
    // Instructions after which execution never continues with the next one.
    private static readonly HashSet<string> NoFallThrough =
    [
        "RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE", "JUMP_FORWARD", "JUMP_ABSOLUTE", "JUMP_BACKWARD",
        "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT", "BREAK_LOOP", "CONTINUE_LOOP",
    ];

    /// <inheritdoc/>
    public string Name => "split-blocks";

    /// <inheritdoc/>
    public string Description => "Insert a jump to the next instruction at every basic-block boundary.";

    /// <inheritdoc/>
    public void Apply(Code code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var jump = OpcodeTables.ForVersion(code.Version)["JUMP_FORWARD"];
        var rules = InstructionAdjacency.For(code.Version);
        var targets = Targets(code.CodeList);
        var items = code.CodeList;
        var instructions = items.OfType<Instr>().ToList();
        var result = new CodeList();
        Instr? previous = null;
        var afterPrevious = 0;
        var index = 0; // of the next real instruction in `instructions`
        var inserted = false;
        foreach (var item in items)
        {
            if (item is Label label && targets.Contains(label) && previous is not null && !inserted
                && !NoFallThrough.Contains(previous.Opcode.Name) && index < instructions.Count
                && rules.MayInsertBefore(instructions, index))
            {
                // Right after the previous instruction: it keeps that instruction's line, position and handler.
                result.Insert(afterPrevious, new Instr(jump, label));
                inserted = true;
            }

            result.Add(item);
            if (item is Instr instr)
            {
                previous = instr;
                afterPrevious = result.Count;
                index++;
                inserted = false;
            }
        }

        code.CodeList = result;
    }

    private static HashSet<Label> Targets(CodeList items)
    {
        var targets = new HashSet<Label>();
        foreach (var item in items)
        {
            switch (item)
            {
                case Instr { Arg: Label l }:
                    targets.Add(l);
                    break;
                case TryBegin b:
                    targets.Add(b.Region.Handler);
                    break;
            }
        }

        return targets;
    }
}
