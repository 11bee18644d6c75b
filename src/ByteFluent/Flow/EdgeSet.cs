using ByteFluent.Model;

namespace ByteFluent.Flow;

/// <summary>The edges of a graph as they stand: computed from the blocks in one pass, dropped on any edit.</summary>
internal sealed class EdgeSet
{
    private static readonly IReadOnlyList<FlowEdge> None = [];
    private readonly Dictionary<BasicBlock, int> index = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Label, BasicBlock> labels = new(ReferenceEqualityComparer.Instance);
    private readonly List<FlowEdge>?[] outgoing;
    private readonly List<FlowEdge>?[] incoming;
    private readonly BlockStackWalk? blockStack;
    private readonly Lazy<Dictionary<Instr, int?>> depths;

    public EdgeSet(ControlFlowGraph graph)
    {
        var blocks = graph.Blocks;
        outgoing = new List<FlowEdge>?[blocks.Count];
        incoming = new List<FlowEdge>?[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            index[blocks[i]] = i;
            foreach (var item in blocks[i].HeaderItems)
            {
                if (item is Label l)
                {
                    labels.TryAdd(l, blocks[i]);
                }
            }
        }

        depths = new Lazy<Dictionary<Instr, int?>>(() => DepthsBefore(graph));
        if (!graph.Strategy.UsesExceptionRegions)
        {
            blockStack = new BlockStackWalk(graph, blocks, l => labels.GetValueOrDefault(l), b => index[b]);
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            AddEdges(graph, blocks, i);
        }

        foreach (var list in outgoing)
        {
            if (list is null)
            {
                continue;
            }

            foreach (var e in list)
            {
                All.Add(e);
                if (e.Target is { } t)
                {
                    (incoming[index[t]] ??= []).Add(e);
                }
            }
        }
    }

    public List<FlowEdge> All { get; } = [];

    public int IndexOf(BasicBlock block) => index.TryGetValue(block, out var i) ? i : -1;

    public BasicBlock? BlockOf(Label label) => labels.GetValueOrDefault(label);

    public IReadOnlyList<FlowEdge> Out(BasicBlock block) => index.TryGetValue(block, out var i) ? outgoing[i] ?? None : None;

    public IReadOnlyList<FlowEdge> In(BasicBlock block) => index.TryGetValue(block, out var i) ? incoming[i] ?? None : None;

    private void AddEdges(ControlFlowGraph graph, IReadOnlyList<BasicBlock> blocks, int i)
    {
        var b = blocks[i];
        var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
        var last = b.LastInstruction;
        void Add(BasicBlock? target, EdgeKind kind, int? depth = null, bool lasti = false)
        {
            if (target is null && kind is not (EdgeKind.Return or EdgeKind.Raise))
            {
                return; // falls off the end, or a label no block has: nothing to draw
            }

            (outgoing[i] ??= []).Add(new FlowEdge(b, target, kind, depth, lasti));
        }

        BasicBlock? Target() => last?.Arg is Label l ? labels.GetValueOrDefault(l) : null;

        if (last is null)
        {
            Add(next, EdgeKind.FallThrough);
            return;
        }

        var flow = graph.Strategy.Classify(last.Opcode);
        if (flow == InstructionFlow.Next && last.Arg is Label)
        {
            flow = InstructionFlow.Conditional; // a jump argument the era's table does not know as a jump: assume both ways
        }

        switch (flow)
        {
            case InstructionFlow.Next or InstructionFlow.NextWithReference:
                Add(next, EdgeKind.FallThrough);
                break;
            case InstructionFlow.Conditional:
                Add(next, EdgeKind.FallThrough);
                Add(Target(), EdgeKind.Conditional);
                break;
            case InstructionFlow.Jump:
                Add(Target(), EdgeKind.Jump);
                break;
            case InstructionFlow.SetupHandler:
                Add(next, EdgeKind.FallThrough);
                Add(Target(), EdgeKind.Setup);
                break;
            case InstructionFlow.SetupLoop:
                Add(next, EdgeKind.FallThrough);
                Add(Target(), EdgeKind.Setup);
                break;
            case InstructionFlow.Call:
                Add(Target(), EdgeKind.Jump);
                Add(next, EdgeKind.FallThrough);
                break;
            case InstructionFlow.Return:
                Add(null, EdgeKind.Return);
                break;
            case InstructionFlow.Raise:
                Add(null, EdgeKind.Raise);
                break;
            case InstructionFlow.NextOrRaise:
                Add(next, EdgeKind.FallThrough);
                Add(null, EdgeKind.Raise);
                break;
            case InstructionFlow.BreakLoop:
                Add(blockStack?.BreakTargets[i], EdgeKind.Jump);
                break;
        }

        if (b.Handler is { } region && graph.Strategy.UsesExceptionRegions)
        {
            Add(labels.GetValueOrDefault(region.Handler), EdgeKind.Exception, region.Depth, region.Lasti);
        }

        foreach (var frame in blockStack?.Handlers[i] ?? [])
        {
            if (frame.Target is { } handler)
            {
                var setup = frame.Setup;
                var level = graph.Strategy.HandlerLevel(setup.Opcode);
                (outgoing[i] ??= []).Add(new FlowEdge(b, handler, frame.SetupBlock, () => depths.Value.GetValueOrDefault(setup) is { } d ? d + level : null));
            }
        }
    }

    // The depth before each instruction by the per-instruction stack analysis of the graph's code as it stands (none
    // when it does not lay out, e.g. in the middle of an edit).
    private static Dictionary<Instr, int?> DepthsBefore(ControlFlowGraph graph)
    {
        var result = new Dictionary<Instr, int?>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var e in Assembly.StackAnalysis.Compute(graph.ToCode()).Entries)
            {
                if (e.Item is Instr ins)
                {
                    result.TryAdd(ins, e.DepthBefore);
                }
            }
        }
        catch (Exception e) when (e is InvalidCodeException or ArgumentException or InvalidOperationException or Assembly.BytecodeFormatException)
        {
            result.Clear();
        }

        return result;
    }
}
