namespace ByteFluent.Diff;

/// <summary>How a code object of one file relates to the other file.</summary>
public enum CodeObjectDiffKind
{
    /// <summary>In both files, with differences.</summary>
    Changed,

    /// <summary>Only in the first file.</summary>
    OnlyInA,

    /// <summary>Only in the second file.</summary>
    OnlyInB,
}

/// <summary>The differences of one code object (matched by qualified name) between two files.</summary>
/// <param name="Path">The qualified name (see <see cref="CodeNames"/>).</param>
/// <param name="Kind">Changed, or present in one file only.</param>
/// <param name="Fields">The differing fields (empty for objects present in one file only).</param>
/// <param name="Listing">The instruction-level diff of the two listings (empty when they are the same).</param>
public sealed record CodeObjectDiff(string Path, CodeObjectDiffKind Kind, IReadOnlyList<FieldDifference> Fields, IReadOnlyList<DiffHunk> Listing);

/// <summary>The structural differences of two .pyc files (see <see cref="PycDiff"/>).</summary>
/// <param name="Header">The differing header fields.</param>
/// <param name="CodeObjects">The code objects that differ or are in one file only, in the first file's order and then the second's.</param>
/// <param name="Compared">How many code objects were found in both files and compared.</param>
public sealed record PycDiffResult(IReadOnlyList<FieldDifference> Header, IReadOnlyList<CodeObjectDiff> CodeObjects, int Compared)
{
    /// <summary>Whether the files have no structural difference.</summary>
    public bool Identical => Header.Count == 0 && CodeObjects.Count == 0;
}

/// <summary>Options of <see cref="PycDiff"/>.</summary>
public sealed record PycDiffOptions
{
    /// <summary>Unchanged listing lines shown around each change (default 3).</summary>
    public int Context { get; init; } = 3;

    /// <summary>Ignore source positions: the line table, the first line and the line markers of the listings.</summary>
    public bool IgnoreLines { get; init; }
}
