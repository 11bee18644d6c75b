namespace ByteFluent.Assembly;

/// <summary>
/// The 3.11+ location table (<c>co_linetable</c>, described in CPython's Objects/locations.md). Each entry
/// starts with a byte <c>1 cccc lll</c> (code, length-1 in code units, at most 8) followed by the form's data:
/// codes 0–9 short form (same line, column group and a byte of low column bits / width), 10–12 one-line form
/// (line delta 0–2, column and end column bytes), 13 no-column form (signed varint line delta), 14 long form
/// (signed line delta, end-line delta, column+1, end column+1 as varints), 15 no location. Line deltas are
/// relative to the line of the last entry that had a line. Varints are little-endian 6-bit chunks with 0x40 as
/// continuation bit; signed varints keep the sign in the lowest bit.
/// </summary>
public static class LocationTableCodec
{
    private const int CodeNoColumns = 13;
    private const int CodeLong = 14;
    private const int CodeNone = 15;
    private const int MaxEntryLength = 8;

    /// <summary>Decodes the table into runs; consecutive entries CPython split only because a run exceeded 8 units are merged back.</summary>
    /// <exception cref="BytecodeFormatException">The table is truncated or an entry does not start with its marker bit.</exception>
    public static IReadOnlyList<LocationRun> Decode(ReadOnlySpan<byte> table, int firstLine)
    {
        var runs = new RunSink { Runs = new List<LocationRun>(table.Length / 2) };
        Decode(table, firstLine, ref runs);
        return runs.Runs;
    }

    /// <summary>As <see cref="Decode(ReadOnlySpan{byte}, int)"/>, as the byte offsets where the location changes (no run list in between).</summary>
    /// <exception cref="BytecodeFormatException">The table is truncated or an entry does not start with its marker bit.</exception>
    internal static List<LineMark> DecodeMarks(ReadOnlySpan<byte> table, int firstLine)
    {
        var marks = new List<LineMark>(table.Length / 2);
        DecodeMarks(table, firstLine, marks);
        return marks;
    }

    /// <summary>As <see cref="DecodeMarks(ReadOnlySpan{byte}, int)"/>, appending to <paramref name="into"/>.</summary>
    internal static void DecodeMarks(ReadOnlySpan<byte> table, int firstLine, List<LineMark> into)
    {
        var marks = new MarkSink { Marks = into };
        Decode(table, firstLine, ref marks);
    }

    /// <summary>Where decoded runs go: a new run, or more units for the last one (a merged continuation entry).</summary>
    private interface ISink
    {
        void Start(int unit, int length, SourceLocation location);

        void Extend(int length);
    }

    private struct RunSink : ISink
    {
        public List<LocationRun> Runs;

        public readonly void Start(int unit, int length, SourceLocation location) => Runs.Add(new LocationRun(unit, length, location));

        public readonly void Extend(int length) => Runs[^1] = Runs[^1] with { Length = Runs[^1].Length + length };
    }

    private struct MarkSink : ISink
    {
        public List<LineMark> Marks;

        public readonly void Start(int unit, int length, SourceLocation location) => Marks.Add(new LineMark(unit * 2, location));

        public readonly void Extend(int length)
        {
        }
    }

    private static void Decode<TSink>(ReadOnlySpan<byte> table, int firstLine, ref TSink sink)
        where TSink : struct, ISink
    {
        int pos = 0, line = firstLine, unit = 0;
        var lastEntryLength = 0;
        var any = false;
        var last = SourceLocation.None;
        while (pos < table.Length)
        {
            var first = table[pos];
            if ((first & 0x80) == 0)
            {
                throw new BytecodeFormatException("co_linetable", pos, $"expected an entry start byte (bit 7 set), found 0x{first:x2}");
            }

            var entryStart = pos;
            pos++;
            var code = (first >> 3) & 15;
            var length = (first & 7) + 1;
            SourceLocation location;
            switch (code)
            {
                case CodeNone:
                    location = SourceLocation.None;
                    break;
                case CodeLong:
                {
                    line += ReadSignedVarint(table, ref pos);
                    var endLine = line + ReadVarint(table, ref pos);
                    var column = ReadVarint(table, ref pos) - 1;
                    var endColumn = ReadVarint(table, ref pos) - 1;
                    location = new SourceLocation(line, endLine, column < 0 ? null : column, endColumn < 0 ? null : endColumn);
                    break;
                }

                case CodeNoColumns:
                    line += ReadSignedVarint(table, ref pos);
                    location = SourceLocation.LineOnly(line);
                    break;
                case >= 10:
                {
                    line += code - 10;
                    var column = ReadByte(table, ref pos);
                    var endColumn = ReadByte(table, ref pos);
                    location = new SourceLocation(line, line, column, endColumn);
                    break;
                }

                default:
                {
                    var second = ReadByte(table, ref pos);
                    var column = (code << 3) | ((second >> 4) & 7);
                    location = new SourceLocation(line, line, column, column + (second & 15));
                    break;
                }
            }

            if (any && lastEntryLength == MaxEntryLength && last == location
                && EncodesIdentically(table[entryStart..pos], location, length, line))
            {
                sink.Extend(length);
            }
            else
            {
                sink.Start(unit, length, location);
                last = location;
                any = true;
            }

            lastEntryLength = length;
            unit += length;
        }
    }

    /// <summary>Encodes runs (each of any length; runs longer than 8 units are split as CPython does).</summary>
    public static byte[] Encode(IEnumerable<LocationRun> runs, int firstLine)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var output = new ByteWriter(64);
        try
        {
            var line = firstLine;
            foreach (var run in runs)
            {
                WriteRun(ref output, run.Location, run.Length, ref line);
            }

            return output.ToArray();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>
    /// Encodes line marks (ascending byte offsets) for code of <paramref name="codeLength"/> bytes: each mark's location
    /// runs to the next mark; code before the first mark has no location.
    /// </summary>
    internal static byte[] EncodeMarks(IReadOnlyList<LineMark> marks, int firstLine, int codeLength)
    {
        var output = new ByteWriter(16 + (codeLength / 2));
        try
        {
            var line = firstLine;
            var start = 0;
            var location = SourceLocation.None;
            for (var i = 0; i < marks.Count; i++)
            {
                var m = marks[i];
                if (m.Offset > start)
                {
                    WriteRun(ref output, location, (m.Offset - start) / 2, ref line);
                }

                start = m.Offset;
                location = m.Location;
            }

            if (codeLength > start)
            {
                WriteRun(ref output, location, (codeLength - start) / 2, ref line);
            }

            return output.ToArray();
        }
        finally
        {
            output.Dispose();
        }
    }

    private static void WriteRun(ref ByteWriter output, SourceLocation location, int units, ref int line)
    {
        var remaining = units;
        while (remaining > 0)
        {
            var length = Math.Min(remaining, MaxEntryLength);
            WriteEntry(ref output, location, length, ref line);
            remaining -= length;
        }
    }

    // A continuation entry repeats the location; CPython's split writes it with the line delta already applied.
    private static bool EncodesIdentically(ReadOnlySpan<byte> entry, SourceLocation location, int length, int line)
    {
        var output = new ByteWriter(32);
        try
        {
            WriteEntry(ref output, location, length, ref line);
            return entry.SequenceEqual(output.Written);
        }
        finally
        {
            output.Dispose();
        }
    }

    private static void WriteEntry(ref ByteWriter output, SourceLocation loc, int length, ref int line)
    {
        if (loc.Line is not int lineno)
        {
            output.Add(StartByte(CodeNone, length));
            return;
        }

        var lineDelta = lineno - line;
        var column = loc.Column ?? -1;
        var endColumn = loc.EndColumn ?? -1;
        var endLine = loc.EndLine ?? -1;
        if (column < 0 || endColumn < 0)
        {
            if (endLine == lineno || endLine == -1)
            {
                output.Add(StartByte(CodeNoColumns, length));
                WriteSignedVarint(ref output, lineDelta);
                line = lineno;
                return;
            }
        }
        else if (endLine == lineno)
        {
            if (lineDelta == 0 && column < 80 && endColumn - column < 16 && endColumn >= column)
            {
                output.Add(StartByte(column >> 3, length));
                output.Add((byte)(((column & 7) << 4) | (endColumn - column)));
                return;
            }

            if (lineDelta is >= 0 and < 3 && column < 128 && endColumn < 128)
            {
                output.Add(StartByte(10 + lineDelta, length));
                output.Add((byte)column);
                output.Add((byte)endColumn);
                line = lineno;
                return;
            }
        }

        output.Add(StartByte(CodeLong, length));
        WriteSignedVarint(ref output, lineDelta);
        WriteVarint(ref output, (uint)(endLine - lineno));
        WriteVarint(ref output, (uint)(column + 1));
        WriteVarint(ref output, (uint)(endColumn + 1));
        line = lineno;
    }

    private static byte StartByte(int code, int length) => (byte)(0x80 | (code << 3) | (length - 1));

    private static void WriteVarint(ref ByteWriter output, uint value)
    {
        while (value >= 64)
        {
            output.Add((byte)(0x40 | (value & 63)));
            value >>= 6;
        }

        output.Add((byte)value);
    }

    private static void WriteSignedVarint(ref ByteWriter output, int value) =>
        WriteVarint(ref output, value < 0 ? ((uint)-value << 1) | 1 : (uint)value << 1);

    private static int ReadByte(ReadOnlySpan<byte> table, ref int pos)
    {
        if (pos >= table.Length)
        {
            throw new BytecodeFormatException("co_linetable", pos, "the entry is truncated");
        }

        return table[pos++];
    }

    private static int ReadVarint(ReadOnlySpan<byte> table, ref int pos)
    {
        int value = 0, shift = 0;
        while (true)
        {
            var b = ReadByte(table, ref pos);
            if ((b & 0x80) != 0)
            {
                throw new BytecodeFormatException("co_linetable", pos - 1, "a varint runs into the next entry");
            }

            if (shift > 30)
            {
                throw new BytecodeFormatException("co_linetable", pos - 1, "a varint is too long");
            }

            value |= (b & 63) << shift;
            shift += 6;
            if ((b & 0x40) == 0)
            {
                return value;
            }
        }
    }

    private static int ReadSignedVarint(ReadOnlySpan<byte> table, ref int pos)
    {
        var raw = ReadVarint(table, ref pos);
        return (raw & 1) != 0 ? -(int)((uint)raw >> 1) : (int)((uint)raw >> 1);
    }
}
