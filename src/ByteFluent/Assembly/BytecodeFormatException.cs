namespace ByteFluent.Assembly;

/// <summary>
/// A line table, location table or exception table (or the code bytes they describe) is malformed:
/// truncated, out of range, or not decodable. Carries the byte offset into the table where decoding stopped.
/// </summary>
public sealed class BytecodeFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">Which table or byte string was being read (e.g. "co_lnotab").</param>
    /// <param name="offset">The byte offset inside it.</param>
    /// <param name="message">What was expected.</param>
    public BytecodeFormatException(string table, int offset, string message)
        : base($"{table} at byte {offset}: {message}")
    {
        Table = table;
        Offset = offset;
    }

    /// <summary>Which table was being read.</summary>
    public string Table { get; }

    /// <summary>The byte offset inside that table.</summary>
    public int Offset { get; }
}
