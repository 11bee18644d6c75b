using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>
/// Per-instruction stack analysis: the stack depth before and after every entry of a <see cref="Code"/>'s
/// <see cref="Code.CodeList"/>, and the kinds of the items where the era defines them (NULL, exception, iterator,
/// 2.7–3.7 finally status, return address). The analysis follows every path the real interpreter can take —
/// fall-through, jumps and exception handlers (3.11+ exception table; before, the SETUP_* handler targets) — and is the
/// one the verifier (<see cref="Model.Code.ToCode(AssembleOptions)"/>) uses.
/// </summary>
public static class StackAnalysis
{
    /// <summary>Analyses <paramref name="code"/> for its own version (nested code objects are not analysed).</summary>
    /// <param name="code">The code; it must assemble (labels present, arguments of the right kind).</param>
    /// <returns>One <see cref="StackAnalysisEntry"/> per code list entry, and the problems found.</returns>
    /// <exception cref="InvalidCodeException">The code cannot be laid out (see <see cref="Model.Code.ToCode(Versions.PythonVersion?)"/>).</exception>
    public static StackAnalysisResult Compute(Code code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var layout = new Assembler(code, code.Dialect, AssembleOptions.Default).Layout();
        var flow = StackFlow.Run(layout.Flow(), code.Version, code.Flags);
        var entries = new List<StackAnalysisEntry>(code.CodeList.Count);
        var slot = 0;
        for (var i = 0; i < code.CodeList.Count; i++)
        {
            var item = code.CodeList[i];
            if (item is SetLineno && slot < layout.Slots.Count && layout.Slots[slot].ListIndex == i)
            {
                // 1.0–2.2: the marker is a SET_LINENO instruction (stack effect 0): it has an offset, not an instruction index.
                var reachedLine = flow.Reached[slot];
                var lineDepth = reachedLine ? StackShape.DepthOf(flow.Before[slot]) : (int?)null;
                entries.Add(new StackAnalysisEntry(item, null, layout.Slots[slot].Offset, lineDepth, lineDepth, reachedLine ? StackShape.All(flow.Before[slot]) : null));
                slot++;
            }
            else if (item is Instr)
            {
                var s = layout.Slots[slot];
                var reached = flow.Reached[slot];
                entries.Add(new StackAnalysisEntry(
                    item,
                    slot,
                    s.Offset,
                    reached ? StackShape.DepthOf(flow.Before[slot]) : null,
                    reached && flow.After[slot] is var a && (a is not null || flow.Problems.All(p => p.Index != slot)) ? StackShape.DepthOf(a) : null,
                    reached ? StackShape.All(flow.Before[slot]) : null));
                slot++;
            }
            else
            {
                var next = slot < layout.Slots.Count && flow.Reached[slot];
                var depth = next ? StackShape.DepthOf(flow.Before[slot]) : (int?)null;
                entries.Add(new StackAnalysisEntry(item, null, slot < layout.Slots.Count ? layout.Slots[slot].Offset : layout.Code.Length, depth, depth, next ? StackShape.All(flow.Before[slot]) : null));
            }
        }

        var problems = flow.Problems.Select(p => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"instruction {p.Index} (offset {(p.Index < layout.Slots.Count ? layout.Slots[p.Index].Offset : layout.Code.Length)}): {p.Problem}: expected {p.Expected}, found {p.Actual}")).ToList();
        return new StackAnalysisResult(entries, flow.MaxDepth, problems);
    }
}

/// <summary>The stack at one code list entry.</summary>
/// <param name="Item">The entry.</param>
/// <param name="InstructionIndex">For an instruction, its index among the instructions; null for labels, markers and regions.</param>
/// <param name="Offset">The byte offset of the instruction (for other entries: of the next instruction).</param>
/// <param name="DepthBefore">The depth before the entry; null where no path reaches it (or the analysis stopped on a problem).</param>
/// <param name="DepthAfter">The depth after the instruction on its own path (for a jump: after its fall-through effect); null when unreached.</param>
/// <param name="KindsBefore">The kinds of the items before the entry, bottom first; null when unreached.</param>
public sealed record StackAnalysisEntry(CodeItem Item, int? InstructionIndex, int Offset, int? DepthBefore, int? DepthAfter, IReadOnlyList<StackItemKind>? KindsBefore);

/// <summary>The result of <see cref="StackAnalysis.Compute(Code)"/>.</summary>
/// <param name="Entries">One per code list entry, in order.</param>
/// <param name="MaxDepth">The largest depth on any path (the interpreter's real need; CPython's co_stacksize may be larger, see <see cref="Code.ComputeStackSize"/>).</param>
/// <param name="Problems">What the verifier would reject (underflow, two depths at a join, falling off the end, …), as text; empty for good code.</param>
public sealed record StackAnalysisResult(IReadOnlyList<StackAnalysisEntry> Entries, int MaxDepth, IReadOnlyList<string> Problems);
