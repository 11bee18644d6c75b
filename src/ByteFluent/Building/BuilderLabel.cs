namespace ByteFluent.Building;

/// <summary>
/// A jump target handed out by a builder's <c>DefineLabel</c>. The type argument is the builder type
/// (<c>Python312.Builder</c>, ...), so a label of one version's builder does not compile in another version's builder;
/// at run time a label only works with the builder instance that defined it (anything else throws
/// <see cref="BuilderLabelException"/> naming both builders). <c>default</c> is invalid. Each label maps to one
/// <see cref="Model.Label"/> (a class) in the built code list.
/// </summary>
/// <typeparam name="TBuilder">The builder type that defines it.</typeparam>
public readonly record struct BuilderLabel<TBuilder>
    where TBuilder : CodeBuilder<TBuilder>
{
    internal BuilderLabel(CodeBuilder<TBuilder> owner, int index, string? name)
    {
        OwnerBuilder = owner;
        Index = index;
        Name = name;
    }

    /// <summary>The builder that defined the label (null for <c>default</c>: invalid).</summary>
    internal CodeBuilder<TBuilder>? OwnerBuilder { get; }

    /// <summary>The id of the builder that defined the label (unique in the process; 0 for <c>default</c>: invalid).</summary>
    public int Owner => OwnerBuilder?.Id ?? 0;

    /// <summary>The label's number within its builder.</summary>
    public int Index { get; }

    /// <summary>An optional name shown in listings and errors.</summary>
    public string? Name { get; }

    /// <summary>Whether the label came from a builder (false for <c>default</c>).</summary>
    public bool IsValid => OwnerBuilder is not null;

    /// <inheritdoc/>
    public override string ToString() => !IsValid ? "<invalid label>" : Name ?? $"L{Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>Builder ids: one counter for every builder type, so ids never repeat across versions.</summary>
internal static class BuilderIds
{
    private static int last;

    public static int Next() => Interlocked.Increment(ref last);
}
