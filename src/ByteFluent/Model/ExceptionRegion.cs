namespace ByteFluent.Model;

/// <summary>
/// A 3.11+ exception region: instructions between its <see cref="TryBegin"/> and <see cref="TryEnd"/> send
/// exceptions to <see cref="Handler"/> with the stack cut to <see cref="Depth"/> items (plus the raising
/// instruction's offset when <see cref="Lasti"/>). Regions nest: an inner region's handler wins while it is open.
/// </summary>
/// <param name="Handler">Where the handler starts.</param>
/// <param name="Depth">The stack depth kept for the handler.</param>
/// <param name="Lasti">Whether the offset of the raising instruction is pushed.</param>
public sealed class ExceptionRegion(Label Handler, int Depth, bool Lasti)
{
    /// <summary>Where the handler starts.</summary>
    public Label Handler { get; } = Handler;

    /// <summary>The stack depth kept for the handler.</summary>
    public int Depth { get; } = Depth;

    /// <summary>Whether the offset of the raising instruction is pushed.</summary>
    public bool Lasti { get; } = Lasti;

    /// <inheritdoc/>
    public override string ToString() => $"handler {Handler} depth {Depth}{(Lasti ? " lasti" : string.Empty)}";
}

/// <summary>Opens an <see cref="ExceptionRegion"/>.</summary>
public sealed class TryBegin(ExceptionRegion region) : CodeItem
{
    /// <summary>The region opened.</summary>
    public ExceptionRegion Region { get; } = region ?? throw new ArgumentNullException(nameof(region));

    /// <inheritdoc/>
    public override string ToString() => $"TryBegin {Region}";
}

/// <summary>Closes an <see cref="ExceptionRegion"/>.</summary>
public sealed class TryEnd(ExceptionRegion region) : CodeItem
{
    /// <summary>The region closed.</summary>
    public ExceptionRegion Region { get; } = region ?? throw new ArgumentNullException(nameof(region));

    /// <inheritdoc/>
    public override string ToString() => $"TryEnd {Region}";
}
