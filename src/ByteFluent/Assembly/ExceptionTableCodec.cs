namespace ByteFluent.Assembly;

/// <summary>
/// The 3.11+ exception table (<c>co_exceptiontable</c>, CPython's InternalDocs/exception_handling.md): per entry
/// four varints — start, length, target (code units) and <c>depth &lt;&lt; 1 | lasti</c>. Varints are big-endian
/// 6-bit chunks, 0x40 marking "more chunks follow"; the first byte of each entry also has bit 7 set.
/// </summary>
public static class ExceptionTableCodec
{
    private const int StartBit = 0x80;
    private const int Continue = 0x40;

    /// <summary>Decodes every entry.</summary>
    /// <exception cref="BytecodeFormatException">The table is truncated or an entry lacks its start bit.</exception>
    public static IReadOnlyList<ExceptionTableEntry> Decode(ReadOnlySpan<byte> table)
    {
        var result = new List<ExceptionTableEntry>();
        var pos = 0;
        while (pos < table.Length)
        {
            if ((table[pos] & StartBit) == 0)
            {
                throw new BytecodeFormatException("co_exceptiontable", pos, $"expected an entry start byte (bit 7 set), found 0x{table[pos]:x2}");
            }

            var start = ReadItem(table, ref pos, first: true);
            var length = ReadItem(table, ref pos, first: false);
            var target = ReadItem(table, ref pos, first: false);
            var depthLasti = ReadItem(table, ref pos, first: false);
            result.Add(new ExceptionTableEntry(start, start + length, target, depthLasti >> 1, (depthLasti & 1) != 0));
        }

        return result;
    }

    /// <summary>Encodes entries in the order given.</summary>
    /// <exception cref="ArgumentException">An entry is empty or has a negative field.</exception>
    public static byte[] Encode(IEnumerable<ExceptionTableEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var output = new List<byte>();
        foreach (var e in entries)
        {
            if (e.End <= e.Start || e.Start < 0 || e.Target < 0 || e.Depth < 0)
            {
                throw new ArgumentException($"invalid exception table entry {e}", nameof(entries));
            }

            WriteItem(output, e.Start, StartBit);
            WriteItem(output, e.End - e.Start, 0);
            WriteItem(output, e.Target, 0);
            WriteItem(output, (e.Depth << 1) | (e.Lasti ? 1 : 0), 0);
        }

        return [.. output];
    }

    private static void WriteItem(List<byte> output, int value, int msb)
    {
        for (var shift = 24; shift > 0; shift -= 6)
        {
            if (value >= 1 << shift)
            {
                output.Add((byte)(((value >> shift) & 63) | Continue | msb));
                msb = 0;
            }
        }

        output.Add((byte)((value & 63) | msb));
    }

    private static int ReadItem(ReadOnlySpan<byte> table, ref int pos, bool first)
    {
        var value = 0;
        var startPos = pos;
        while (true)
        {
            if (pos >= table.Length)
            {
                throw new BytecodeFormatException("co_exceptiontable", pos, "the entry is truncated");
            }

            var b = table[pos++];
            if (!first && pos - 1 == startPos && (b & StartBit) != 0)
            {
                throw new BytecodeFormatException("co_exceptiontable", pos - 1, "an entry ends early (found the next entry's start byte)");
            }

            if (pos - startPos > 6)
            {
                throw new BytecodeFormatException("co_exceptiontable", pos - 1, "a varint is too long");
            }

            value = (value << 6) | (b & 63);
            if ((b & Continue) == 0)
            {
                return value;
            }
        }
    }
}
