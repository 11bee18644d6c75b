namespace ByteFluent.Diff;

/// <summary>One field that differs between two files or two code objects.</summary>
/// <param name="Field">The field (<c>magic</c>, <c>argcount</c>, <c>consts[3]</c>, <c>linetable</c>, …).</param>
/// <param name="A">Its value in the first file, as text.</param>
/// <param name="B">Its value in the second file, as text.</param>
public sealed record FieldDifference(string Field, string A, string B)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Field}: {A} -> {B}";
}
