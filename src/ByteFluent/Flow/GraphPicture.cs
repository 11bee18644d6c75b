namespace ByteFluent.Flow;

/// <summary>What the pictures show of a graph beyond its blocks and edges: loop headers and back edges, unreachable blocks, exit nodes.</summary>
internal sealed class GraphPicture
{
    public GraphPicture(ControlFlowGraph graph)
    {
        Graph = graph;
        var loops = graph.Loops();
        foreach (var loop in loops)
        {
            LoopHeaders.Add(loop.Header);
            foreach (var e in loop.BackEdges)
            {
                BackEdges.Add(e);
            }
        }

        foreach (var b in graph.Unreachable())
        {
            Unreachable.Add(b);
        }

        foreach (var e in graph.Edges)
        {
            HasReturn |= e.Kind == EdgeKind.Return;
            HasRaise |= e.Kind == EdgeKind.Raise;
        }
    }

    public ControlFlowGraph Graph { get; }

    public HashSet<BasicBlock> LoopHeaders { get; } = new(ReferenceEqualityComparer.Instance);

    public HashSet<FlowEdge> BackEdges { get; } = new(ReferenceEqualityComparer.Instance);

    public HashSet<BasicBlock> Unreachable { get; } = new(ReferenceEqualityComparer.Instance);

    public bool HasReturn { get; }

    public bool HasRaise { get; }

    public const string ReturnNode = "return";

    public const string RaiseNode = "raise";

    public static string TargetId(FlowEdge e) => e.Target?.Name ?? (e.Kind == EdgeKind.Return ? ReturnNode : RaiseNode);

    public string EdgeLabel(FlowEdge e)
    {
        var label = e.Kind switch
        {
            EdgeKind.Jump => "jump",
            EdgeKind.Conditional => "branch",
            EdgeKind.Exception => e.HandlerDepth is { } d ? $"exception, depth {d}{(e.Lasti ? ", lasti" : string.Empty)}" : "exception",
            EdgeKind.Setup => e.Source.LastInstruction is { } setup && Graph.Strategy.Classify(setup.Opcode) == InstructionFlow.SetupLoop ? "break" : "handler",
            _ => string.Empty,
        };
        return BackEdges.Contains(e) ? (label.Length == 0 ? "loop" : label + " (loop)") : label;
    }
}
