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

    /// <summary>The most bytes <see cref="Encode"/> writes: far beyond any real table, it keeps absurd line jumps from allocating gigabytes.</summary>
    public const int MaxTableBytes = 1 << 23;

    /// <summary>Decodes a table into line starts (the implicit start at offset 0, <paramref name="firstLine"/>, is not included).</summary>
    /// <exception cref="BytecodeFormatException">The table has an odd length, or a line number leaves the range of a C int.</exception>
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

        var runs = new Runs(pairs, lineStepUp, lineStepDown);
        var result = new List<LineStart>();
        long offset = 0, line = firstLine;
        var index = 0;
        while (index < pairs.Length)
        {
            // The longest run of pairs that is exactly CPython's encoding of its own sums is one line change.
            var best = runs.LongestEncodingAt(index);
            for (var j = index; j <= best; j++)
            {
                offset += pairs[j].Addr;
                line += pairs[j].Line;
            }

            if (line is > int.MaxValue or < int.MinValue)
            {
                throw new BytecodeFormatException("co_lnotab", 2 * best, $"the line number {line} does not fit a C int (first line {firstLine})");
            }

            result.Add(new LineStart((int)offset, (int)line));
            index = best + 1;
        }

        return result;
    }

    /// <summary>Encodes line starts (byte offsets ascending) relative to offset 0 and <paramref name="firstLine"/>.</summary>
    /// <exception cref="ArgumentException">
    /// Offsets go backwards, (2.7) a line decreases, or the table would exceed <see cref="MaxTableBytes"/>.
    /// </exception>
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

            var delta = (long)s.Line - line;
            if (((s.Offset - offset) / 255) + (Math.Abs(delta) / lineStepUp) + pairs.Count > MaxTableBytes / 2)
            {
                throw new ArgumentException($"{Name}: the jump from line {line} to line {s.Line} would make the table larger than {MaxTableBytes} bytes", nameof(starts));
            }

            EncodeStep(pairs, s.Offset - offset, (int)delta);
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

    /// <summary>
    /// Run lengths of the pairs that CPython repeats when it splits one line change, so that whether pairs from an
    /// index on are exactly the encoding of a sum is answered in constant time (decoding stays linear in the table).
    /// </summary>
    private sealed class Runs
    {
        private readonly (int Addr, int Line)[] pairs;
        private readonly int up;
        private readonly int down;
        private readonly int[] addrSteps;
        private readonly int[] upSteps;
        private readonly int[] downSteps;
        private readonly long[] sumAddr;
        private readonly long[] sumLine;

        public Runs((int Addr, int Line)[] pairs, int up, int down)
        {
            this.pairs = pairs;
            this.up = up;
            this.down = down;
            addrSteps = new int[pairs.Length + 1];
            upSteps = new int[pairs.Length + 1];
            downSteps = new int[pairs.Length + 1];
            sumAddr = new long[pairs.Length + 1];
            sumLine = new long[pairs.Length + 1];
            for (var i = 0; i < pairs.Length; i++)
            {
                sumAddr[i + 1] = sumAddr[i] + pairs[i].Addr;
                sumLine[i + 1] = sumLine[i] + pairs[i].Line;
            }

            for (var i = pairs.Length - 1; i >= 0; i--)
            {
                addrSteps[i] = pairs[i] == (255, 0) ? addrSteps[i + 1] + 1 : 0;
                upSteps[i] = pairs[i] == (0, up) ? upSteps[i + 1] + 1 : 0;
                downSteps[i] = down != 0 && pairs[i] == (0, down) ? downSteps[i + 1] + 1 : 0;
            }
        }

        /// <summary>
        /// The last index of the longest run from <paramref name="start"/> that is exactly CPython's encoding of its
        /// sums (<paramref name="start"/> itself when none is longer). Only three runs can be: the first pair alone,
        /// the pair after the leading 255-byte address steps, and the pair after those and a run of full line steps
        /// (a shorter or longer run would end in a pair the encoding of its sums does not end in), so the answer
        /// takes constant time.
        /// </summary>
        public int LongestEncodingAt(int start)
        {
            var addrRun = addrSteps[start];
            var candidates = new List<int>(3) { start, start + addrRun };
            var split = start + addrRun;
            if (split < pairs.Length && pairs[split].Line is var s && s != 0 && (s == up || s == down))
            {
                candidates.Add(split + 1 + (s == up ? upSteps : downSteps)[split + 1]);
            }

            var best = start;
            foreach (var j in candidates)
            {
                if (j > best && j < pairs.Length && EncodingEnd(sumAddr[j + 1] - sumAddr[start], sumLine[j + 1] - sumLine[start], start) == j + 1)
                {
                    best = j;
                }
            }

            return best;
        }

        /// <summary>Where CPython's encoding of (addr, delta) ends when the pairs from <paramref name="start"/> on begin with it (see <c>EncodeStep</c>); -1 otherwise.</summary>
        private int EncodingEnd(long addr, long delta, int start)
        {
            if (addr == 0 && delta == 0)
            {
                return -1;
            }

            var pos = start;
            if (addr > 255)
            {
                var n = (int)Math.Min(addr / 255, int.MaxValue);
                if (addrSteps[pos] < n || n > pairs.Length)
                {
                    return -1;
                }

                pos += n;
                addr -= n * 255;
            }

            if (delta > up || delta < down)
            {
                var step = delta < 0 ? down : up;
                var n = (int)Math.Min(delta < 0 ? -delta / -down : delta / up, int.MaxValue);
                if (n > pairs.Length || pos >= pairs.Length || pairs[pos] != (addr, step) || (step == up ? upSteps : downSteps)[pos + 1] < n - 1)
                {
                    return -1;
                }

                pos += n;
                delta -= n * step;
                addr = 0;
            }

            return pos < pairs.Length && pairs[pos] == (addr, delta) ? pos + 1 : -1;
        }
    }

    private int LineDelta(byte b) => lineStepDown == 0 ? b : (sbyte)b;

    private bool CanContinue((int Addr, int Line) pair) =>
        (pair.Addr == 255 && pair.Line == 0) || pair.Line == lineStepUp || (lineStepDown != 0 && pair.Line == lineStepDown);

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
