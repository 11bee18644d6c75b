using ByteFluent.Assembly;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Flow;

/// <summary>The largest per-instruction depth of <see cref="StackAnalysis"/>, and why the compiler's stack size may exceed it.</summary>
internal static class PerInstructionDepth
{
    /// <summary>The largest depth before or after any instruction (jumps' targets included: their depth before).</summary>
    public static int Maximum(Code model)
    {
        var max = 0;
        foreach (var e in StackAnalysis.Compute(model).Entries)
        {
            max = Math.Max(max, Math.Max(e.DepthBefore ?? 0, e.DepthAfter ?? 0));
        }

        return max;
    }

    /// <summary>
    /// Why the compiler's count (which ByteFluent reproduces) exceeds what the interpreter reaches, or null:
    /// <list type="bullet">
    /// <item><c>minimum</c>: 3.13+ never declare 0.</item>
    /// <item><c>finally</c>: code with a handler (SETUP_EXCEPT, SETUP_FINALLY, SETUP_WITH, SETUP_ASYNC_WITH) in 2.7–3.8,
    /// whose compilers count every handler target as entered with the exception's items (3 in 2.7, 6 in 3.x), 3.8 every
    /// finally status as six; the interpreter enters a finally or with-cleanup block normally with one item (None, 3.8's
    /// NULL or return address), and the analysis follows it.</item>
    /// <item><c>folded-constants</c>: the compiler took the depth before its peephole folded constants (a tuple of
    /// constants, a constant slice), so the items it counted are one LOAD_CONST now.</item>
    /// <item><c>dead-code</c>: 2.7/3.6 compilers walk on past a RAISE_VARARGS into code no path reaches (a bare
    /// <c>raise</c> followed by the implicit <c>return None</c>).</item>
    /// <item><c>unreached-handler</c>: 3.11+ count the depth of a handler whose protected range the optimizer emptied
    /// (<c>try: pass</c>), which no instruction reaches now.</item>
    /// <item><c>unreached-code</c>: 3.11+ count code no path reaches (a named <c>except*</c> clause whose body cannot
    /// raise keeps its name-cleanup handler after the optimizer dropped the exception-table entry that led there;
    /// CPython's depth walk reached it through its SETUP_CLEANUP pseudo-instruction): the compiler's count is attained
    /// there, by the computed stack size's own walk, and nowhere our analysis reaches.</item>
    /// </list>
    /// </summary>
    public static string? Reason(Code model, int max, int computed)
    {
        var v = model.Version;
        var names = model.CodeList.OfType<Instr>().Select(i => i.Opcode.Name).ToHashSet(StringComparer.Ordinal);
        if (v >= PythonVersion.V3_13 && computed == 1 && max == 0)
        {
            return "minimum";
        }

        var layout = new Assembler(model, model.Dialect, AssembleOptions.Default).Layout();
        var flow = layout.Flow();
        var folded = StackDepthRules.For(v).FoldedConstants;
        for (var i = 0; i < flow.Count; i++)
        {
            if (folded.ExtraDepth(flow, i, layout.Tables.Consts) > 0)
            {
                return "folded-constants";
            }
        }

        if (v <= PythonVersion.V3_6 && StackAnalysis.Compute(model).Entries.Any(e => e.Item is Instr && e.DepthBefore is null))
        {
            return "dead-code";
        }

        if (v >= PythonVersion.V3_11)
        {
            var handlers = model.CodeList.OfType<TryBegin>().Select(t => t.Region.Handler).ToHashSet(ReferenceEqualityComparer.Instance);
            if (StackAnalysis.Compute(model).Entries.Any(e => e.Item is Label l && handlers.Contains(l) && e.DepthBefore is null))
            {
                return "unreached-handler";
            }
        }

        if (v >= PythonVersion.V3_11 && PeakOnlyInUnreachedCode(model, layout, flow, max, computed))
        {
            return "unreached-code";
        }

        if (v <= PythonVersion.V3_8 && (names.Contains("SETUP_FINALLY") || names.Contains("SETUP_WITH") || names.Contains("SETUP_ASYNC_WITH") || names.Contains("SETUP_EXCEPT")))
        {
            return "finally";
        }

        return null;
    }

    // The computed stack size's walk (which counts code no path reaches, see StackDepthAnalyzer) reaches `computed` only
    // at or after instructions our analysis does not reach, and stays within `max` everywhere else.
    private static bool PeakOnlyInUnreachedCode(Code model, AssemblyLayout layout, IReadOnlyList<FlowInstruction> flow, int max, int computed)
    {
        var ours = StackAnalysis.Compute(model).Entries.Where(e => e.InstructionIndex is not null).ToArray();
        var analyzer = new StackDepthAnalyzer(model.Dialect.StackDepth, flow, _ => string.Empty, layout.Tables.Consts);
        if (analyzer.Run(model.Dialect.Table, model.Flags) != computed)
        {
            return false;
        }

        var deadPeak = -1;
        for (var i = 0; i < ours.Length; i++)
        {
            var depth = analyzer.DepthBefore[i];
            if (ours[i].DepthBefore is null)
            {
                // The depth after an unreached instruction is the next one's before (or the largest it pushes to, at the end).
                deadPeak = Math.Max(deadPeak, Math.Max(depth, i + 1 < ours.Length ? analyzer.DepthBefore[i + 1] : depth));
            }
            else if (depth > max)
            {
                return false;
            }
        }

        return deadPeak == computed;
    }
}
