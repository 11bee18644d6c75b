namespace ByteFluent.Flow;

/// <summary>One edge of a <see cref="ControlFlowGraph"/>.</summary>
/// <param name="Source">The block control leaves.</param>
/// <param name="Target">The block control enters; null for <see cref="EdgeKind.Return"/> and <see cref="EdgeKind.Raise"/>.</param>
/// <param name="Kind">How control passes.</param>
/// <param name="HandlerDepth">For a 3.11+ <see cref="EdgeKind.Exception"/> edge, the stack depth the exception table keeps for the handler; otherwise null.</param>
/// <param name="Lasti">For a 3.11+ <see cref="EdgeKind.Exception"/> edge, whether the raising instruction's offset is pushed too.</param>
public sealed record FlowEdge(BasicBlock Source, BasicBlock? Target, EdgeKind Kind, int? HandlerDepth = null, bool Lasti = false)
{
    /// <summary>Whether the edge leaves the code object (a return or an unhandled raise).</summary>
    public bool IsExit => Target is null;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Source.Name} -> {Target?.Name ?? Kind.ToString().ToLowerInvariant()} ({Kind}{(HandlerDepth is { } d ? $", depth {d}" : string.Empty)}{(Lasti ? ", lasti" : string.Empty)})";
}
