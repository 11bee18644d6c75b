using System.Runtime.InteropServices;
using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>Line and exception tables: where line markers land in bytes, and the 3.11+ exception table entries.</summary>
internal static class PositionTables
{
    /// <summary>
    /// The line marks at their byte offsets (a marker may point into an instruction's EXTENDED_ARG prefixes): rewrites
    /// <paramref name="marks"/>, whose offsets are instruction indexes, in place and returns it.
    /// </summary>
    public static List<LineMark> LineMarks(List<AssemblySlot> slots, List<LineMark> marks, List<(int Mark, int Into)>? intoPrefixes, BytecodeDialect dialect)
    {
        var enc = dialect.Encoding;
        var placed = CollectionsMarshal.AsSpan(marks);
        var instructions = CollectionsMarshal.AsSpan(slots);
        var total = OffsetLayout.TotalSize(slots);
        var nextInto = 0;
        for (var i = 0; i < placed.Length; i++)
        {
            var slotIndex = placed[i].Offset;
            var into = 0;
            if (intoPrefixes is not null && nextInto < intoPrefixes.Count && intoPrefixes[nextInto].Mark == i)
            {
                into = intoPrefixes[nextInto++].Into;
            }

            int offset;
            if (into == 0 || slotIndex >= instructions.Length)
            {
                offset = slotIndex < instructions.Length ? instructions[slotIndex].Offset : total;
            }
            else
            {
                ref readonly var s = ref instructions[slotIndex];
                var unit = enc.UnitSize == 1 ? 3 : 2;
                var prefixes = (s.Size - enc.Size(s.Op, 0, 0)) / unit;
                offset = s.Offset + (Math.Min(into, prefixes) * unit);
            }

            placed[i] = placed[i] with { Offset = offset };
        }

        return marks;
    }

    /// <summary>One exception table entry per run of instructions under the same innermost region.</summary>
    public static List<ExceptionTableEntry> ExceptionEntries(List<AssemblySlot> slots, IReadOnlyDictionary<Label, int> labelSlot)
    {
        var exceptions = new List<ExceptionTableEntry>();
        ExceptionRegion? current = null;
        var runStart = 0;
        // By reference over the span: the slots are large structs, and an enumerator through the interface copied each.
        foreach (ref readonly var s in CollectionsMarshal.AsSpan(slots))
        {
            if (!ReferenceEquals(s.Region, current))
            {
                Close(exceptions, slots, labelSlot, current, runStart, s.Offset);
                current = s.Region;
                runStart = s.Offset;
            }
        }

        Close(exceptions, slots, labelSlot, current, runStart, OffsetLayout.TotalSize(slots));
        return exceptions;
    }

    private static void Close(List<ExceptionTableEntry> exceptions, List<AssemblySlot> slots, IReadOnlyDictionary<Label, int> labelSlot, ExceptionRegion? current, int runStart, int end)
    {
        if (current is not null && end > runStart)
        {
            exceptions.Add(new ExceptionTableEntry(runStart / 2, end / 2, OffsetLayout.OffsetOf(slots, labelSlot[current.Handler]) / 2, current.Depth, current.Lasti));
        }
    }
}
