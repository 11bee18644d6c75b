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

    /// <summary>
    /// Python 2 only: the value is a <c>long</c> (marshal type 'l'). Python 2 keeps <c>1L</c> and <c>1</c> apart
    /// (as constants and in behaviour), so the flag is part of the value and is written back as a long.
    /// </summary>
    public bool IsPython2Long { get; init; }

    /// <inheritdoc/>
    public override string TypeName => IsPython2Long ? "long" : "int";
}
