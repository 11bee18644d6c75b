using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>
/// The lists one <see cref="Assembler.Run"/> fills and drops — slots, label places, line marks, the flow list and the
/// stack analysis's arrays, one entry per instruction each — kept per thread and reused by the next code object, so
/// assembling a tree allocates them once instead of once per code object. Rented for the steps that need them and
/// returned before the nested code objects are assembled (which rent their own); one lost to an exception is simply
/// not returned.
/// </summary>
internal sealed class AssemblerScratch
{
    // Lists grown past this are dropped rather than kept: one huge code object should not pin them for the thread's life.
    private const int KeepLimit = 1 << 16;

    [ThreadStatic]
    private static AssemblerScratch? free;

    /// <summary>The slots (<see cref="CodeListScan.Slots"/>).</summary>
    public List<AssemblySlot> Slots { get; } = [];

    /// <summary>Label → slot (<see cref="CodeListScan.LabelSlot"/>).</summary>
    public Dictionary<Label, int> LabelSlot { get; } = [];

    /// <summary>The line marks (<see cref="CodeListScan.Marks"/>).</summary>
    public List<LineMark> Marks { get; } = [];

    /// <summary>The flow list (<see cref="AssemblyLayout.Flow"/>).</summary>
    public List<FlowInstruction> Flow { get; } = [];

    /// <summary>The stack analysis's per-instruction arrays.</summary>
    public StackFlowScratch Stack { get; } = new();

    /// <summary>The thread's free scratch, or a new one when it is in use (or was lost to an exception).</summary>
    public static AssemblerScratch Rent()
    {
        var s = free ?? new AssemblerScratch();
        free = null;
        return s;
    }

    /// <summary>Gives <paramref name="s"/> back, emptied (no model objects kept alive by it).</summary>
    public static void Return(AssemblerScratch s)
    {
        if (s.Slots.Capacity > KeepLimit || s.Flow.Capacity > KeepLimit || s.Marks.Capacity > KeepLimit || !s.Stack.Release(KeepLimit))
        {
            return;
        }

        s.Slots.Clear();
        s.LabelSlot.Clear();
        s.Marks.Clear();
        s.Flow.Clear();
        free = s;
    }
}

/// <summary>The per-instruction arrays of <see cref="StackFlow"/>, reused (see <see cref="AssemblerScratch"/>).</summary>
internal sealed class StackFlowScratch
{
    private int used;

    public StackShape?[] Before { get; private set; } = [];

    public StackShape?[] After { get; private set; } = [];

    public BlockStack?[] Blocks { get; private set; } = [];

    public bool[] Reached { get; private set; } = [];

    public int[] ArrivedFrom { get; private set; } = [];

    public Stack<int> Work { get; } = new();

    /// <summary>Makes the arrays at least <paramref name="n"/> long, their first <paramref name="n"/> entries cleared.</summary>
    public void Prepare(int n)
    {
        if (Before.Length < n)
        {
            var size = Math.Max(n, 2 * Before.Length);
            Before = new StackShape?[size];
            After = new StackShape?[size];
            Blocks = new BlockStack?[size];
            Reached = new bool[size];
            ArrivedFrom = new int[size];
        }
        else
        {
            Clear(n);
        }

        used = Math.Max(used, n);
        Work.Clear();
    }

    /// <summary>Clears what was used; false (keep nothing) when the arrays grew past <paramref name="limit"/>.</summary>
    public bool Release(int limit)
    {
        if (Before.Length > limit)
        {
            return false;
        }

        Clear(used);
        used = 0;
        Work.Clear();
        return true;
    }

    private void Clear(int n)
    {
        Array.Clear(Before, 0, n);
        Array.Clear(After, 0, n);
        Array.Clear(Blocks, 0, n);
        Array.Clear(Reached, 0, n);
    }
}
