namespace ByteFluent.Assembly;

/// <summary>A run of code units sharing one <see cref="SourceLocation"/> in a 3.11+ location table.</summary>
/// <param name="Start">First code unit (2-byte unit index into <c>co_code</c>).</param>
/// <param name="Length">Number of code units.</param>
/// <param name="Location">Their location.</param>
public readonly record struct LocationRun(int Start, int Length, SourceLocation Location);
