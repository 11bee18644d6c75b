namespace ByteFluent.Flow;

/// <summary>A natural loop of a <see cref="ControlFlowGraph"/>.</summary>
/// <param name="Header">The block every iteration enters through (it dominates the body).</param>
/// <param name="BackEdges">The edges from the body back to the header.</param>
/// <param name="Body">The blocks of the loop, header included, in layout order.</param>
public sealed record Loop(BasicBlock Header, IReadOnlyList<FlowEdge> BackEdges, IReadOnlyList<BasicBlock> Body)
{
    /// <summary>Whether <paramref name="block"/> is in the loop.</summary>
    public bool Contains(BasicBlock block) => Body.Contains(block);
}
