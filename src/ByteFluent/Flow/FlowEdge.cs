namespace ByteFluent.Flow;

/// <summary>One edge of a <see cref="ControlFlowGraph"/>.</summary>
/// <param name="Source">The block control leaves.</param>
/// <param name="Target">The block control enters; null for <see cref="EdgeKind.Return"/> and <see cref="EdgeKind.Raise"/>.</param>
/// <param name="Kind">How control passes.</param>
/// <param name="HandlerDepth">
/// For an <see cref="EdgeKind.Exception"/> edge, the stack depth kept for the handler, below what the exception pushes:
/// 3.11+ the exception table's depth (the handler is entered with the raising offset when <paramref name="Lasti"/>, then the
/// exception, on top); 2.7–3.10 the level of the handler's block (the depth before its SETUP_* instruction, one less for
/// SETUP_ASYNC_WITH), on which the interpreter pushes 3 items (2.7) or 6 (3.x: the exception and the one it replaces).
/// Null for other edges, and for a 2.7–3.10 handler whose SETUP_* no path reaches (or code that does not lay out).
/// </param>
/// <param name="Lasti">For a 3.11+ <see cref="EdgeKind.Exception"/> edge, whether the raising instruction's offset is pushed too.</param>
public sealed record FlowEdge(BasicBlock Source, BasicBlock? Target, EdgeKind Kind, int? HandlerDepth = null, bool Lasti = false)
{
    private readonly int? handlerDepth = HandlerDepth;
    private readonly Func<int?>? depthOf;

    /// <summary>A 2.7–3.10 exception edge: its handler's block was pushed by the SETUP_* that ends <paramref name="setupBlock"/>; the depth is found when first asked.</summary>
    internal FlowEdge(BasicBlock source, BasicBlock target, BasicBlock setupBlock, Func<int?> depthOf)
        : this(source, target, EdgeKind.Exception)
    {
        SetupBlock = setupBlock;
        this.depthOf = depthOf;
    }

    /// <inheritdoc cref="FlowEdge(BasicBlock, BasicBlock?, EdgeKind, int?, bool)" path="/param[@name='HandlerDepth']"/>
    public int? HandlerDepth
    {
        get => depthOf is null ? handlerDepth : depthOf();
        init => handlerDepth = value;
    }

    /// <summary>
    /// For a 2.7–3.10 <see cref="EdgeKind.Exception"/> edge, the block whose last instruction (SETUP_EXCEPT,
    /// SETUP_FINALLY, SETUP_WITH, SETUP_ASYNC_WITH) pushed the handler's block; null otherwise.
    /// </summary>
    public BasicBlock? SetupBlock { get; }

    /// <summary>Whether the edge leaves the code object (a return or an unhandled raise).</summary>
    public bool IsExit => Target is null;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Source.Name} -> {Target?.Name ?? Kind.ToString().ToLowerInvariant()} ({Kind}{(HandlerDepth is { } d ? $", depth {d}" : string.Empty)}{(Lasti ? ", lasti" : string.Empty)})";
}
