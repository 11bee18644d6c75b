namespace ByteFluent.Marshal;

/// <summary>A Python <c>slice</c> (marshal version 5, CPython 3.14+: constant slices such as <c>x[1:2]</c>).</summary>
/// <param name="Start">The start (often <see cref="PyNone"/>).</param>
/// <param name="Stop">The stop.</param>
/// <param name="Step">The step.</param>
public sealed record PySlice(PyObject Start, PyObject Stop, PyObject Step) : PyObject
{
    /// <inheritdoc/>
    public override string TypeName => "slice";

    /// <inheritdoc/>
    public bool Equals(PySlice? other) => other is not null && PyEquality.Slices(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Slice(this);
}
