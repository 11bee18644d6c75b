using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>Line and exception tables: where line markers land in bytes, and the 3.11+ exception table entries.</summary>
internal static class PositionTables
{
    /// <summary>The line marks at their byte offsets (a marker may point into an instruction's EXTENDED_ARG prefixes).</summary>
    public static List<LineMark> LineMarks(IReadOnlyList<AssemblySlot> slots, List<(int SlotIndex, SourceLocation Location, int Into)> marks, BytecodeDialect dialect)
    {
        var enc = dialect.Encoding;
        var result = new List<LineMark>(marks.Count);
        foreach (var (slotIndex, location, into) in marks)
        {
            int offset;
            if (into == 0 || slotIndex >= slots.Count)
            {
                offset = OffsetLayout.OffsetOf(slots, slotIndex);
            }
            else
            {
                var s = slots[slotIndex];
                var unit = enc.UnitSize == 1 ? 3 : 2;
                var prefixes = (s.Size - enc.Size(s.Op, 0, 0)) / unit;
                offset = s.Offset + (Math.Min(into, prefixes) * unit);
            }

            result.Add(new LineMark(offset, location));
        }

        return result;
    }

    /// <summary>One exception table entry per run of instructions under the same innermost region.</summary>
    public static List<ExceptionTableEntry> ExceptionEntries(IReadOnlyList<AssemblySlot> slots, IReadOnlyDictionary<Label, int> labelSlot)
    {
        var exceptions = new List<ExceptionTableEntry>();
        ExceptionRegion? current = null;
        var runStart = 0;
        void Close(int end)
        {
            if (current is not null && end > runStart)
            {
                exceptions.Add(new ExceptionTableEntry(runStart / 2, end / 2, OffsetLayout.OffsetOf(slots, labelSlot[current.Handler]) / 2, current.Depth, current.Lasti));
            }
        }

        foreach (var s in slots)
        {
            if (!ReferenceEquals(s.Region, current))
            {
                Close(s.Offset);
                current = s.Region;
                runStart = s.Offset;
            }
        }

        Close(OffsetLayout.TotalSize(slots));
        return exceptions;
    }
}
