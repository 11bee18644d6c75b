using ByteFluent.Versions;

namespace ByteFluent.Model;

/// <summary>
/// byteplay's module-level functions: <c>getse</c>, <c>isopcode</c> and <c>printcodelist</c>.
/// (Opcode constants, <c>opmap</c>, <c>opname</c>, <c>cmp_op</c> and the <c>has*</c> sets are on each version's
/// <see cref="OpcodeTable"/>.)
/// </summary>
public static class Byteplay
{
    /// <summary>
    /// byteplay's <c>getse(op, arg)</c>: how many items the opcode pops and pushes (an item only inspected counts as
    /// popped and pushed again).
    /// </summary>
    /// <exception cref="StackEffectUnavailableException">The effect depends on the argument and none was given, or is unknown.</exception>
    public static OpcodeStackEffect GetSe(Opcode op, int? arg = null) => op.StackEffect(arg, false);

    /// <summary>byteplay's <c>isopcode(obj)</c>: whether a code list entry is a real instruction (not a label or line marker).</summary>
    public static bool IsOpcode(CodeItem item) => item is Instr;

    /// <summary>byteplay's <c>printcodelist(code, to)</c>.</summary>
    public static void PrintCodeList(IReadOnlyList<CodeItem> code, TextWriter? to = null) =>
        (to ?? Console.Out).Write(CodeListFormatter.Format(code));
}
