namespace ByteFluent.Diff;

/// <summary>Whether a line of a listing diff is in both listings, only the first, or only the second.</summary>
public enum DiffLineKind
{
    /// <summary>In both (context).</summary>
    Same,

    /// <summary>Only in the first listing (<c>-</c>).</summary>
    Removed,

    /// <summary>Only in the second listing (<c>+</c>).</summary>
    Added,
}

/// <summary>One line of a listing diff.</summary>
/// <param name="Kind">Same, removed or added.</param>
/// <param name="Text">The listing line.</param>
public sealed record DiffLine(DiffLineKind Kind, string Text)
{
    /// <summary>The unified-diff prefix: space, <c>-</c> or <c>+</c>.</summary>
    public char Prefix => Kind switch { DiffLineKind.Removed => '-', DiffLineKind.Added => '+', _ => ' ' };

    /// <inheritdoc/>
    public override string ToString() => Prefix + Text;
}

/// <summary>A group of changed lines with their context, as in a unified diff.</summary>
/// <param name="StartA">Index of the hunk's first line in the first listing (0-based).</param>
/// <param name="CountA">Lines of the first listing the hunk covers.</param>
/// <param name="StartB">Index of the hunk's first line in the second listing (0-based).</param>
/// <param name="CountB">Lines of the second listing the hunk covers.</param>
/// <param name="Lines">The lines.</param>
public sealed record DiffHunk(int StartA, int CountA, int StartB, int CountB, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>The unified-diff header, with 1-based line numbers: <c>@@ -a,b +c,d @@</c>.</summary>
    public string Header => FormattableString.Invariant($"@@ -{StartA + 1},{CountA} +{StartB + 1},{CountB} @@");
}
