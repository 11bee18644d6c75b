namespace ByteFluent.Model;

/// <summary>
/// byteplay's <c>Label</c>: a place in the code list. It does nothing by itself; jumps and exception regions
/// refer to it. Labels compare by identity.
/// </summary>
public sealed class Label : CodeItem
{
    // Labels key the assembler's label dictionaries: a hash fixed at construction spares the runtime's first-use
    // identity hash (a slow path per object, a large share of assembling time). Equality stays identity.
    private static int created;
    private readonly int hash;

    /// <summary>Creates a label, optionally named for listings.</summary>
    public Label(string? name = null)
    {
        Name = name;
        hash = Interlocked.Increment(ref created);
    }

    /// <summary>An optional name shown in listings.</summary>
    public string? Name { get; }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public override int GetHashCode() => hash;

    /// <inheritdoc/>
    public override string ToString() => Name ?? "Label";
}
