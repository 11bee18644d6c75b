using System.Globalization;
using System.Numerics;

namespace ByteFluent.Marshal;

/// <summary>A Python <c>int</c> (2.7: <c>int</c> or <c>long</c>) of any size.</summary>
/// <param name="Value">The value.</param>
public sealed record PyInt(BigInteger Value) : PyObject
{
    /// <summary>Creates an int from a 64-bit value.</summary>
    public PyInt(long value)
        : this(new BigInteger(value))
    {
    }

    /// <inheritdoc/>
    public override string TypeName => "int";
}
