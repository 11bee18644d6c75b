namespace ByteFluent.Building;

/// <summary>
/// A jump target handed out by a builder's <c>DefineLabel</c>. A small value: the owning builder's id and the
/// label's number in it. <c>default(BuilderLabel)</c> is invalid, and a label only works with the builder that
/// defined it; each maps to one <see cref="Model.Label"/> (a class) in the built code list.
/// </summary>
public readonly record struct BuilderLabel
{
    internal BuilderLabel(int owner, int index, string? name)
    {
        Owner = owner;
        Index = index;
        Name = name;
    }

    /// <summary>The id of the builder that defined the label (0 for <c>default</c>: invalid).</summary>
    public int Owner { get; }

    /// <summary>The label's number within its builder.</summary>
    public int Index { get; }

    /// <summary>An optional name shown in listings and errors.</summary>
    public string? Name { get; }

    /// <summary>Whether the label came from a builder (false for <c>default</c>).</summary>
    public bool IsValid => Owner != 0;

    /// <inheritdoc/>
    public override string ToString() => !IsValid ? "<invalid label>" : Name ?? $"L{Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
