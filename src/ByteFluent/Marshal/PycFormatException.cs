using System.Globalization;

namespace ByteFluent.Marshal;

/// <summary>
/// The one exception ByteFluent throws for malformed marshal or <c>.pyc</c> data: truncation, unknown type
/// codes, bad references, lengths larger than the input, nesting deeper than CPython allows, invalid
/// UTF-8, wrong field types in a code object, unknown magic numbers. It carries the byte offset at which
/// the problem was found and what was expected there.
/// </summary>
public sealed class PycFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">The byte offset (from the start of the data given to the reader) where the problem is.</param>
    /// <param name="expected">What the reader expected there.</param>
    /// <param name="detail">What it found instead, or more detail.</param>
    public PycFormatException(long offset, string expected, string detail)
        : base(string.Create(CultureInfo.InvariantCulture, $"malformed data at offset {offset}: expected {expected}; {detail}"))
    {
        Offset = offset;
        Expected = expected;
        Detail = detail;
    }

    /// <summary>The byte offset where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What was expected at <see cref="Offset"/>.</summary>
    public string Expected { get; }

    /// <summary>What was found instead, or more detail.</summary>
    public string Detail { get; }
}

/// <summary>A value that cannot be written in the requested marshal format (e.g. a slice before 3.14).</summary>
public sealed class MarshalWriteException(string message) : Exception(message);
