using ByteFluent.Assembly;

namespace ByteFluent.Model;

/// <summary>
/// What <c>FromCode</c>'s disassembler fills and drops for each code object — the raw instructions, the decoded line
/// marks, the label and pseudo-entry arrays of one entry per instruction — kept per thread and reused by the next code
/// object (nested code objects are decoded before their parent's instructions, so one is in use at a time; one lost
/// to an exception is simply not returned).
/// </summary>
internal sealed class DecodeScratch
{
    // Grown past this, dropped rather than kept: one huge code object should not pin them for the thread's life.
    private const int KeepLimit = 1 << 16;

    [ThreadStatic]
    private static DecodeScratch? free;

    private CodeItem[] ordered = [];
    private int orderedUsed;
    private int used;

    public List<RawInstruction> Raws { get; } = [];

    public List<LineMark> Marks { get; } = [];

    public List<(int Index, CodeItem Item)> Pending { get; } = [];

    public List<(int Offset, TryEnd Item)> TryEnds { get; } = [];

    public List<(int Offset, TryBegin Item)> TryBegins { get; } = [];

    /// <summary>Labels by the index of the instruction they mark (one more than the instructions: the end).</summary>
    public Label?[] Labels { get; private set; } = [];

    /// <summary>Jump labels by instruction index.</summary>
    public Label?[] JumpLabels { get; private set; } = [];

    /// <summary>Counting-sort buckets by instruction index.</summary>
    public int[] Ends { get; private set; } = [];

    public static DecodeScratch Rent()
    {
        var s = free ?? new DecodeScratch();
        free = null;
        s.Clear();
        return s;
    }

    /// <summary>Gives <paramref name="s"/> back, emptied (no model objects kept alive by it).</summary>
    public static void Return(DecodeScratch s)
    {
        if (s.Labels.Length > KeepLimit || s.Raws.Capacity > KeepLimit || s.Pending.Capacity > KeepLimit || s.ordered.Length > KeepLimit)
        {
            return;
        }

        s.Clear();
        free = s;
    }

    /// <summary>Sizes the per-instruction arrays for <paramref name="instructions"/> instructions, cleared.</summary>
    public void Prepare(int instructions)
    {
        var n = instructions + 1;
        if (Labels.Length < n)
        {
            var size = Math.Max(n, 2 * Labels.Length);
            Labels = new Label?[size];
            JumpLabels = new Label?[size];
            Ends = new int[size];
        }

        used = n;
    }

    /// <summary>An array of at least <paramref name="count"/> entries for the sorted pseudo-entries.</summary>
    public CodeItem[] Ordered(int count)
    {
        if (ordered.Length < count)
        {
            ordered = new CodeItem[Math.Max(count, 2 * ordered.Length)];
        }

        orderedUsed = count;
        return ordered;
    }

    private void Clear()
    {
        Raws.Clear();
        Marks.Clear();
        Pending.Clear();
        TryEnds.Clear();
        TryBegins.Clear();
        Array.Clear(Labels, 0, used);
        Array.Clear(JumpLabels, 0, used);
        Array.Clear(Ends, 0, used);
        Array.Clear(ordered, 0, orderedUsed);
        used = 0;
        orderedUsed = 0;
    }
}
