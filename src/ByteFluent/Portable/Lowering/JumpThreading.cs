using ByteFluent.Model;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// 2.7–3.9: the peephole pass's jump-to-jump rewrite. An unconditional jump (or POP_JUMP_IF_*) whose target starts with an
/// unconditional jump goes to that jump's target instead; a JUMP_FORWARD rewritten so becomes JUMP_ABSOLUTE, since the
/// final target may lie behind it (an if/else inside a loop jumps straight back to the loop top). One hop per jump, in
/// code order, as the pass does it.
/// </summary>
internal sealed class PeepholeLowering27 : PeepholeLowering
{
    protected override void Run(Code code)
    {
        var list = code.CodeList;
        var at = new Dictionary<Label, int>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < list.Count; k++)
        {
            if (list[k] is Label l)
            {
                at[l] = k;
            }
        }

        for (var k = 0; k < list.Count; k++)
        {
            if (list[k] is not Instr { Arg: Label target } jump || !IsThreaded(jump.Opcode.Name) || !at.TryGetValue(target, out var t))
            {
                continue;
            }

            var next = FirstInstruction(list, t);
            if (next is null || ReferenceEquals(next, jump) || !IsUnconditional(next.Opcode.Name) || next.Arg is not Label final)
            {
                continue;
            }

            list[k] = jump.Opcode.Name == "JUMP_FORWARD" ? new Instr(code.Table["JUMP_ABSOLUTE"], final) : new Instr(jump.Opcode, final);
        }
    }

    private static bool IsUnconditional(string name) => name is "JUMP_FORWARD" or "JUMP_ABSOLUTE";

    private static bool IsThreaded(string name) => name is "JUMP_FORWARD" or "JUMP_ABSOLUTE" or "POP_JUMP_IF_FALSE" or "POP_JUMP_IF_TRUE";

    private static Instr? FirstInstruction(CodeList list, int from)
    {
        for (var k = from; k < list.Count; k++)
        {
            if (list[k] is Instr i)
            {
                return i;
            }

            if (list[k] is not (Label or SetLineno))
            {
                return null;
            }
        }

        return null;
    }
}
