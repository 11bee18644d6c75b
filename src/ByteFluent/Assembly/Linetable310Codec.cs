namespace ByteFluent.Assembly;

/// <summary>
/// CPython 3.10's <c>co_linetable</c>: pairs (byte increment 0..254, signed line increment) where a line
/// increment of -128 means "no line". Line increments are relative to the last range that had a line;
/// a large line increment is written first in (0, ±127) pairs, a long range in 254-byte pieces.
/// </summary>
public static class Linetable310Codec
{
    private const int NoLine = -128;

    /// <summary>Decodes the table into ranges (one per line change CPython recorded).</summary>
    /// <exception cref="BytecodeFormatException">The table has an odd length.</exception>
    public static IReadOnlyList<LineRange> Decode(ReadOnlySpan<byte> table, int firstLine)
    {
        if (table.Length % 2 != 0)
        {
            throw new BytecodeFormatException("co_linetable", table.Length - 1, "the table has an odd number of bytes");
        }

        var pairs = new (int B, int L)[table.Length / 2];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (table[2 * i], (sbyte)table[(2 * i) + 1]);
        }

        var result = new List<LineRange>();
        int offset = 0, line = firstLine, index = 0;
        var scratch = new List<(int, int)>();
        while (index < pairs.Length)
        {
            // Find the longest run of pairs that is exactly the encoding of one range.
            var best = -1;
            var bestLine = (int?)null;
            var bestLength = 0;
            int lineSum = 0, byteSum = 0;
            var none = pairs[index].L == NoLine;
            for (var j = index; j < pairs.Length; j++)
            {
                if (pairs[j].L != NoLine)
                {
                    lineSum += pairs[j].L;
                }

                byteSum += pairs[j].B;
                long candidate = (long)line + lineSum;
                if (!none && candidate is > int.MaxValue or < int.MinValue)
                {
                    throw new BytecodeFormatException("co_linetable", 2 * j, $"the line number {candidate} does not fit a C int (first line {firstLine})");
                }

                int? candidateLine = none ? null : (int)candidate;

                // Only a prefix exactly as long as the encoding of its sums can be that encoding: checking the length
                // first (in constant time) keeps long runs of continuation pairs linear instead of quadratic.
                if (EncodedCount(byteSum, candidateLine, line) != j - index + 1)
                {
                    if (!(pairs[j].B == 0 || pairs[j].B == 254))
                    {
                        break;
                    }

                    continue;
                }

                scratch.Clear();
                EncodeRange(scratch, byteSum, candidateLine, line);
                if (MatchesAt(scratch, pairs, index))
                {
                    best = j;
                    bestLine = candidateLine;
                    bestLength = byteSum;
                }

                if (!(pairs[j].B == 0 || pairs[j].B == 254))
                {
                    break;
                }
            }

            if (best < 0)
            {
                // Not CPython's form: take the pair as a range of its own.
                best = index;
                bestLength = pairs[index].B;
                bestLine = pairs[index].L == NoLine ? null : line + pairs[index].L;
            }

            if (bestLine is > int.MaxValue - 128 or < int.MinValue + 128)
            {
                throw new BytecodeFormatException("co_linetable", 2 * best, $"the line number {bestLine} is at the limit of a C int (first line {firstLine})");
            }

            result.Add(new LineRange(offset, offset + bestLength, bestLine));
            offset += bestLength;
            if (bestLine is int l)
            {
                line = l;
            }

            index = best + 1;
        }

        return result;
    }

    /// <summary>Encodes contiguous ranges starting at offset 0 (empty ranges are skipped, as CPython does).</summary>
    /// <exception cref="ArgumentException">The ranges are not contiguous.</exception>
    public static byte[] Encode(IEnumerable<LineRange> ranges, int firstLine)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var pairs = new List<(int, int)>();
        int offset = 0, previousLine = firstLine;
        foreach (var r in ranges)
        {
            if (r.Start != offset || r.End < r.Start)
            {
                throw new ArgumentException($"range {r.Start}..{r.End} does not continue at offset {offset}", nameof(ranges));
            }

            if (EncodedCount(r.End - r.Start, r.Line, previousLine) + pairs.Count > LnotabCodec.MaxTableBytes / 2)
            {
                throw new ArgumentException($"co_linetable: the jump from line {previousLine} to line {r.Line} would make the table larger than {LnotabCodec.MaxTableBytes} bytes", nameof(ranges));
            }

            EncodeRange(pairs, r.End - r.Start, r.Line, previousLine);
            if (r.Line is int l && r.End > r.Start)
            {
                previousLine = l;
            }

            offset = r.End;
        }

        var bytes = new byte[pairs.Count * 2];
        for (var i = 0; i < pairs.Count; i++)
        {
            bytes[2 * i] = (byte)pairs[i].Item1;
            bytes[(2 * i) + 1] = unchecked((byte)pairs[i].Item2);
        }

        return bytes;
    }

    /// <summary>How many pairs <see cref="EncodeRange"/> writes for a range, without writing them.</summary>
    private static long EncodedCount(int length, int? line, int previousLine)
    {
        if (length == 0)
        {
            return 0;
        }

        var delta = line is int l ? Math.Abs((long)l - previousLine) : 0;
        var lineSteps = delta > 127 ? (delta - 1) / 127 : 0;
        var lengthSteps = length > 254 ? (length - 1) / 254 : 0;
        return lineSteps + lengthSteps + 1;
    }

    private static bool MatchesAt(List<(int, int)> encoded, (int B, int L)[] pairs, int start)
    {
        if (encoded.Count == 0 || start + encoded.Count > pairs.Length)
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

    private static void EncodeRange(List<(int, int)> output, int length, int? line, int previousLine)
    {
        if (length == 0)
        {
            return;
        }

        int delta;
        if (line is int l)
        {
            delta = l - previousLine;
            while (delta > 127)
            {
                output.Add((0, 127));
                delta -= 127;
            }

            while (delta < -127)
            {
                output.Add((0, -127));
                delta += 127;
            }
        }
        else
        {
            delta = NoLine;
        }

        while (length > 254)
        {
            output.Add((254, delta));
            delta = line is null ? NoLine : 0;
            length -= 254;
        }

        output.Add((length, delta));
    }
}
