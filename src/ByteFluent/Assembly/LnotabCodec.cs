namespace ByteFluent.Assembly;

/// <summary>
/// The <c>co_lnotab</c> encoding of CPython 2.7 (unsigned line increments) and 3.6–3.9 (signed line
/// increments): pairs of (byte offset increment, line increment), an increment that does not fit one byte
/// being split over several pairs. Decoding groups the pairs CPython wrote for one line change back into
/// one <see cref="LineStart"/>; encoding splits exactly as CPython's assembler does, so that
/// <c>Encode(Decode(t)) == t</c> for tables CPython produced. An empty (0, 0) pair, which CPython's peephole
/// optimizer leaves where it removed all code of a line, decodes to a start repeating the previous one.
/// </summary>
public sealed class LnotabCodec
{
    private readonly int lineStepUp;
    private readonly int lineStepDown;

    private LnotabCodec(string name, int lineStepUp, int lineStepDown)
    {
        Name = name;
        this.lineStepUp = lineStepUp;
        this.lineStepDown = lineStepDown;
    }

    /// <summary>CPython 2.7: line increments 0..255, split in steps of 255.</summary>
    public static LnotabCodec Unsigned { get; } = new("lnotab (2.7)", 255, 0);

    /// <summary>CPython 3.6–3.9: signed line increments -128..127, split in steps of 127 / -128.</summary>
    public static LnotabCodec Signed { get; } = new("lnotab (3.6-3.9)", 127, -128);

    /// <summary>A short description of the variant.</summary>
    public string Name { get; }

    /// <summary>Decodes a table into line starts (the implicit start at offset 0, <paramref name="firstLine"/>, is not included).</summary>
    /// <exception cref="BytecodeFormatException">The table has an odd length.</exception>
    public IReadOnlyList<LineStart> Decode(ReadOnlySpan<byte> table, int firstLine)
    {
        if (table.Length % 2 != 0)
        {
            throw new BytecodeFormatException("co_lnotab", table.Length - 1, "the table has an odd number of bytes");
        }

        var pairs = new (int Addr, int Line)[table.Length / 2];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (table[2 * i], LineDelta(table[(2 * i) + 1]));
        }

        var result = new List<LineStart>();
        int offset = 0, line = firstLine, index = 0;
        var scratch = new List<(int, int)>();
        while (index < pairs.Length)
        {
            // The longest run of pairs that is exactly CPython's encoding of its own sums is one line change.
            var best = index;
            int sumAddr = 0, sumLine = 0;
            for (var j = index; j < pairs.Length; j++)
            {
                sumAddr += pairs[j].Addr;
                sumLine += pairs[j].Line;
                scratch.Clear();
                EncodeStep(scratch, sumAddr, sumLine);
                if (Matches(scratch, pairs, index))
                {
                    best = j;
                }

                if (!CanContinue(pairs[j]))
                {
                    break;
                }
            }

            for (var j = index; j <= best; j++)
            {
                offset += pairs[j].Addr;
                line += pairs[j].Line;
            }

            result.Add(new LineStart(offset, line));
            index = best + 1;
        }

        return result;
    }

    /// <summary>Encodes line starts (byte offsets ascending) relative to offset 0 and <paramref name="firstLine"/>.</summary>
    /// <exception cref="ArgumentException">Offsets go backwards, or (2.7) a line decreases.</exception>
    public byte[] Encode(IEnumerable<LineStart> starts, int firstLine)
    {
        ArgumentNullException.ThrowIfNull(starts);
        var pairs = new List<(int, int)>();
        int offset = 0, line = firstLine;
        var havePrevious = false;
        foreach (var s in starts)
        {
            // A start repeating the previous one is an empty pair CPython's peephole pass left behind.
            if (havePrevious && s.Offset == offset && s.Line == line)
            {
                pairs.Add((0, 0));
                continue;
            }

            havePrevious = true;
            if (s.Offset < offset)
            {
                throw new ArgumentException($"line start at offset {s.Offset} comes after offset {offset}", nameof(starts));
            }

            if (lineStepDown == 0 && s.Line < line)
            {
                throw new ArgumentException($"{Name} cannot encode line {s.Line} after line {line} (lines only increase)", nameof(starts));
            }

            EncodeStep(pairs, s.Offset - offset, s.Line - line);
            offset = s.Offset;
            line = s.Line;
        }

        var bytes = new byte[pairs.Count * 2];
        for (var i = 0; i < pairs.Count; i++)
        {
            bytes[2 * i] = (byte)pairs[i].Item1;
            bytes[(2 * i) + 1] = unchecked((byte)pairs[i].Item2);
        }

        return bytes;
    }

    private int LineDelta(byte b) => lineStepDown == 0 ? b : (sbyte)b;

    private bool CanContinue((int Addr, int Line) pair) =>
        (pair.Addr == 255 && pair.Line == 0) || pair.Line == lineStepUp || (lineStepDown != 0 && pair.Line == lineStepDown);

    private static bool Matches(List<(int, int)> encoded, (int Addr, int Line)[] pairs, int start)
    {
        if (start + encoded.Count > pairs.Length || encoded.Count == 0)
        {
            return false;
        }

        for (var k = 0; k < encoded.Count; k++)
        {
            if (encoded[k] != pairs[start + k])
            {
                return false;
            }
        }

        return true;
    }

    // One line change as CPython's assemble_lnotab writes it: whole 255-byte address steps first, then the
    // line increment split in full steps (the first carrying the remaining address increment), then the rest.
    private void EncodeStep(List<(int, int)> output, int addr, int delta)
    {
        if (addr == 0 && delta == 0)
        {
            return;
        }

        if (addr > 255)
        {
            var n = addr / 255;
            for (var k = 0; k < n; k++)
            {
                output.Add((255, 0));
            }

            addr -= n * 255;
        }

        if (delta > lineStepUp || delta < lineStepDown)
        {
            int step, n;
            if (delta < 0)
            {
                step = lineStepDown;
                n = -delta / -lineStepDown;
            }
            else
            {
                step = lineStepUp;
                n = delta / lineStepUp;
            }

            output.Add((addr, step));
            for (var k = 1; k < n; k++)
            {
                output.Add((0, step));
            }

            delta -= n * step;
            addr = 0;
        }

        output.Add((addr, delta));
    }
}
