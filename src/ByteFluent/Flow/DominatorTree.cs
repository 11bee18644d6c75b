namespace ByteFluent.Flow;

/// <summary>
/// Dominators of the blocks reachable from the entry (every path from the entry to a block passes through its
/// dominators), computed by the iterative algorithm of Cooper, Harvey and Kennedy over reverse post-order, on all
/// edges (exception edges included).
/// </summary>
public sealed class DominatorTree
{
    private readonly Dictionary<BasicBlock, int> order = new(ReferenceEqualityComparer.Instance);
    private readonly List<BasicBlock> postOrder = [];
    private readonly int[] idom;

    internal DominatorTree(ControlFlowGraph graph)
    {
        if (graph.Entry is not { } entry)
        {
            idom = [];
            return;
        }

        PostOrder(entry);
        for (var i = 0; i < postOrder.Count; i++)
        {
            order[postOrder[i]] = i;
        }

        var n = postOrder.Count;
        idom = new int[n];
        Array.Fill(idom, -1);
        idom[n - 1] = n - 1;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = n - 2; i >= 0; i--)
            {
                var newIdom = -1;
                foreach (var e in postOrder[i].Predecessors)
                {
                    if (!order.TryGetValue(e.Source, out var p) || idom[p] < 0)
                    {
                        continue;
                    }

                    newIdom = newIdom < 0 ? p : Intersect(p, newIdom);
                }

                if (newIdom >= 0 && idom[i] != newIdom)
                {
                    idom[i] = newIdom;
                    changed = true;
                }
            }
        }
    }

    /// <summary>Whether the block is reachable from the entry (only those have dominators).</summary>
    public bool IsReachable(BasicBlock block) => order.ContainsKey(block);

    /// <summary>The immediate dominator of <paramref name="block"/>; null for the entry and for unreachable blocks.</summary>
    public BasicBlock? ImmediateDominator(BasicBlock block)
    {
        if (!order.TryGetValue(block, out var i) || i == idom.Length - 1)
        {
            return null;
        }

        return postOrder[idom[i]];
    }

    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/> (a block dominates itself); false when either is unreachable.</summary>
    public bool Dominates(BasicBlock a, BasicBlock b)
    {
        if (!order.TryGetValue(a, out var ia) || !order.TryGetValue(b, out var ib))
        {
            return false;
        }

        // Dominators of b have higher post-order numbers; walk up until reaching or passing a.
        while (ib < ia)
        {
            ib = idom[ib];
        }

        return ib == ia;
    }

    /// <summary>The dominators of <paramref name="block"/>, from itself up to the entry.</summary>
    public IEnumerable<BasicBlock> DominatorsOf(BasicBlock block)
    {
        if (!order.TryGetValue(block, out var i))
        {
            yield break;
        }

        while (true)
        {
            yield return postOrder[i];
            if (i == idom.Length - 1)
            {
                yield break;
            }

            i = idom[i];
        }
    }

    private int Intersect(int a, int b)
    {
        while (a != b)
        {
            while (a < b)
            {
                a = idom[a];
            }

            while (b < a)
            {
                b = idom[b];
            }
        }

        return a;
    }

    // Iterative depth-first post-order (code objects can have thousands of blocks).
    private void PostOrder(BasicBlock entry)
    {
        var seen = new HashSet<BasicBlock>(ReferenceEqualityComparer.Instance) { entry };
        var stack = new Stack<(BasicBlock Block, int Next)>();
        stack.Push((entry, 0));
        while (stack.Count > 0)
        {
            var (b, next) = stack.Pop();
            var succ = b.Successors;
            var pushed = false;
            for (var k = next; k < succ.Count; k++)
            {
                if (succ[k].Target is { } t && seen.Add(t))
                {
                    stack.Push((b, k + 1));
                    stack.Push((t, 0));
                    pushed = true;
                    break;
                }
            }

            if (!pushed)
            {
                postOrder.Add(b);
            }
        }
    }
}
