namespace ByteFluent.Marshal;

/// <summary>A Python <c>float</c>. Equality is bitwise, so <c>nan == nan</c> and <c>-0.0 != 0.0</c>.</summary>
/// <param name="Value">The value.</param>
public sealed record PyFloat(double Value) : PyObject
{
    /// <inheritdoc/>
    public override string TypeName => "float";

    /// <inheritdoc/>
    public bool Equals(PyFloat? other) => other is not null && BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.DoubleToInt64Bits(Value).GetHashCode();
}

/// <summary>A Python <c>complex</c>. Equality is bitwise on both parts.</summary>
/// <param name="Real">The real part.</param>
/// <param name="Imag">The imaginary part.</param>
public sealed record PyComplex(double Real, double Imag) : PyObject
{
    /// <inheritdoc/>
    public override string TypeName => "complex";

    /// <inheritdoc/>
    public bool Equals(PyComplex? other) => other is not null
        && BitConverter.DoubleToInt64Bits(Real) == BitConverter.DoubleToInt64Bits(other.Real)
        && BitConverter.DoubleToInt64Bits(Imag) == BitConverter.DoubleToInt64Bits(other.Imag);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(BitConverter.DoubleToInt64Bits(Real), BitConverter.DoubleToInt64Bits(Imag));
}
