namespace ByteFluent.Flow;

public sealed partial class ControlFlowGraph
{
    /// <summary>The blocks reachable from the entry along any edge (exception edges included), in layout order.</summary>
    public IReadOnlyList<BasicBlock> Reachable()
    {
        var seen = ReachableSet();
        return blocks.Where(seen.Contains).ToList();
    }

    /// <summary>The blocks no edge path from the entry reaches (dead code), in layout order.</summary>
    public IReadOnlyList<BasicBlock> Unreachable()
    {
        var seen = ReachableSet();
        return blocks.Where(b => !seen.Contains(b)).ToList();
    }

    /// <summary>Whether <paramref name="to"/> can be reached from <paramref name="from"/> along edges (a block reaches itself).</summary>
    public bool CanReach(BasicBlock from, BasicBlock to) => Search(from).Contains(to);

    /// <summary>The dominator tree over the blocks reachable from the entry.</summary>
    public DominatorTree Dominators() => new(this);

    /// <summary>
    /// The natural loops: one per block that is the target of a back edge (an edge whose target dominates its source),
    /// with the blocks of the loop body; outer loops first (by header position).
    /// </summary>
    public IReadOnlyList<Loop> Loops()
    {
        var dom = Dominators();
        var byHeader = new Dictionary<BasicBlock, List<FlowEdge>>(ReferenceEqualityComparer.Instance);
        foreach (var e in Edges)
        {
            if (e.Target is { } t && dom.Dominates(t, e.Source))
            {
                if (!byHeader.TryGetValue(t, out var list))
                {
                    byHeader[t] = list = [];
                }

                list.Add(e);
            }
        }

        var loops = new List<Loop>();
        foreach (var (header, back) in byHeader.OrderBy(kv => IndexOf(kv.Key)))
        {
            var body = new HashSet<BasicBlock>(ReferenceEqualityComparer.Instance) { header };
            var work = new Stack<BasicBlock>();
            foreach (var e in back)
            {
                if (body.Add(e.Source))
                {
                    work.Push(e.Source);
                }
            }

            while (work.Count > 0)
            {
                foreach (var p in work.Pop().Predecessors)
                {
                    if (dom.IsReachable(p.Source) && body.Add(p.Source))
                    {
                        work.Push(p.Source);
                    }
                }
            }

            loops.Add(new Loop(header, back, blocks.Where(body.Contains).ToList()));
        }

        return loops;
    }

    /// <summary>The back edges of all loops.</summary>
    public IReadOnlyList<FlowEdge> BackEdges() => Loops().SelectMany(l => l.BackEdges).ToList();

    private HashSet<BasicBlock> ReachableSet() => Entry is { } e ? Search(e) : new HashSet<BasicBlock>(ReferenceEqualityComparer.Instance);

    private HashSet<BasicBlock> Search(BasicBlock from)
    {
        var seen = new HashSet<BasicBlock>(ReferenceEqualityComparer.Instance) { from };
        var work = new Stack<BasicBlock>();
        work.Push(from);
        while (work.Count > 0)
        {
            foreach (var e in work.Pop().Successors)
            {
                if (e.Target is { } t && seen.Add(t))
                {
                    work.Push(t);
                }
            }
        }

        return seen;
    }
}
