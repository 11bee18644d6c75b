using System.Runtime.CompilerServices;
using ByteFluent.Model;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// What the statements tell <see cref="BlockLayout"/> about instructions that the code list cannot say: which ones
/// CPython's compiler emits without a line number (the implicit <c>return None</c>), and which jumps leave an exception
/// handler (3.13+ JUMP_NO_INTERRUPT: a backward one is JUMP_BACKWARD_NO_INTERRUPT), and which ones the layout found cold.
/// Keyed by the instruction itself.
/// </summary>
internal static class LayoutHints
{
    private static readonly ConditionalWeakTable<Instr, object> NoLine = [];
    private static readonly ConditionalWeakTable<Instr, object> NoInterrupt = [];
    private static readonly ConditionalWeakTable<Instr, object> Cold = [];
    private static readonly object Mark = new();

    /// <summary>3.12+: in a block only exceptions reach (3.14's borrowed-load analysis does not visit those).</summary>
    public static void MarkCold(Instr ins) => Cold.AddOrUpdate(ins, Mark);

    public static bool IsCold(Instr ins) => Cold.TryGetValue(ins, out _);

    public static void MarkNoLine(Instr ins) => NoLine.AddOrUpdate(ins, Mark);

    public static bool IsNoLine(Instr ins) => NoLine.TryGetValue(ins, out _);

    public static void MarkNoInterrupt(Instr ins) => NoInterrupt.AddOrUpdate(ins, Mark);

    public static bool IsNoInterrupt(Instr ins) => NoInterrupt.TryGetValue(ins, out _);

    /// <summary>The copy of an instruction a layout pass makes (the same hints).</summary>
    public static Instr Copy(Instr ins)
    {
        var copy = new Instr(ins.Opcode, ins.Arg) { MinimumPrefixes = ins.MinimumPrefixes };
        if (IsNoLine(ins))
        {
            MarkNoLine(copy);
        }

        if (IsNoInterrupt(ins))
        {
            MarkNoInterrupt(copy);
        }

        if (IsCold(ins))
        {
            MarkCold(copy);
        }

        return copy;
    }
}
