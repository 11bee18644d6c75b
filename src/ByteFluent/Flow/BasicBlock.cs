using ByteFluent.Model;

namespace ByteFluent.Flow;

/// <summary>
/// A basic block of a <see cref="ControlFlowGraph"/>: a run of instructions entered only at the top and left only
/// at the bottom. <see cref="Header"/> holds what stands before the first instruction in the code list (labels,
/// line markers, the boundaries of exception regions, in their original order); <see cref="Items"/> the
/// instructions and the line markers among them. A block ends after any instruction with a jump argument or one
/// that does not continue (returns, raises); it starts at a label or where the open exception regions change.
/// </summary>
public sealed class BasicBlock
{
    private List<ExceptionRegion> regions;

    internal BasicBlock(ControlFlowGraph graph, List<ExceptionRegion> regions)
    {
        Graph = graph;
        Items = new BlockItems(this);
        this.regions = regions;
    }

    /// <summary>The graph the block belongs to.</summary>
    public ControlFlowGraph Graph { get; }

    /// <summary>The position of the block in the graph's order (the order the code is laid out in).</summary>
    public int Index => Graph.IndexOf(this);

    /// <summary>A name for listings and pictures: <c>B</c> and the index.</summary>
    public string Name => "B" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Labels, line markers and exception-region boundaries before the first instruction, in code-list order.</summary>
    public IReadOnlyList<CodeItem> Header => HeaderItems;

    /// <summary>The instructions and the line markers among them.</summary>
    public BlockItems Items { get; }

    /// <summary>The block's labels (jumps and handlers that enter the block name one of them).</summary>
    public IEnumerable<Label> Labels => HeaderItems.OfType<Label>();

    /// <summary>The real instructions, in order.</summary>
    public IEnumerable<Instr> Instructions => Items.OfType<Instr>();

    /// <summary>The number of real instructions.</summary>
    public int InstructionCount
    {
        get
        {
            var n = 0;
            foreach (var item in Items)
            {
                if (item is Instr)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>The last real instruction (the one that decides where control goes), or null for an empty block.</summary>
    public Instr? LastInstruction
    {
        get
        {
            for (var i = Items.Count - 1; i >= 0; i--)
            {
                if (Items[i] is Instr ins)
                {
                    return ins;
                }
            }

            return null;
        }
    }

    /// <summary>Line markers of the header and the body, in order.</summary>
    public IEnumerable<SetLineno> LineMarkers => HeaderItems.OfType<SetLineno>().Concat(Items.OfType<SetLineno>());

    /// <summary>
    /// The exception regions open over the block's instructions, outermost first (3.11+); the last one's handler gets
    /// the block's exceptions. Setting it changes where the graph writes <see cref="TryBegin"/>/<see cref="TryEnd"/>.
    /// </summary>
    public IReadOnlyList<ExceptionRegion> Regions
    {
        get => regions;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            regions = [.. value];
            Changed();
        }
    }

    /// <summary>The innermost open exception region, or null.</summary>
    public ExceptionRegion? Handler => regions.Count > 0 ? regions[^1] : null;

    /// <summary>The edges leaving the block.</summary>
    public IReadOnlyList<FlowEdge> Successors => Graph.SuccessorsOf(this);

    /// <summary>The edges entering the block.</summary>
    public IReadOnlyList<FlowEdge> Predecessors => Graph.PredecessorsOf(this);

    internal List<CodeItem> HeaderItems { get; } = [];

    internal void SetRegionsUnchecked(List<ExceptionRegion> value) => regions = value;

    /// <summary>The block's first label, adding one to the header when it has none (to make it a jump target).</summary>
    public Label EnsureLabel()
    {
        foreach (var item in HeaderItems)
        {
            if (item is Label l)
            {
                return l;
            }
        }

        var label = new Label();
        var at = 0;
        while (at < HeaderItems.Count && HeaderItems[at] is TryEnd)
        {
            at++;
        }

        HeaderItems.Insert(at, label);
        Changed();
        return label;
    }

    /// <summary>Whether the block has the label.</summary>
    public bool HasLabel(Label label) => HeaderItems.Contains(label);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({InstructionCount} instructions)";

    internal void Changed() => Graph.Invalidate();
}
