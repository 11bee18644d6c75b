namespace ByteFluent.Diff;

/// <summary>
/// A line diff of two sequences by Myers' O(ND) greedy algorithm (the shortest edit script), after trimming the
/// common start and end; and the grouping of its changes into unified-diff hunks.
/// </summary>
public static class SequenceDiff
{
    /// <summary>
    /// Beyond this many edits the middle part is reported as removed and added as a whole, which keeps time and
    /// memory bounded for listings that have little in common.
    /// </summary>
    public const int MaxEdits = 4000;

    /// <summary>The full edit script: every line of both sequences, in order, marked same, removed or added.</summary>
    public static IReadOnlyList<DiffLine> Compute(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var result = new List<DiffLine>(a.Count + b.Count);
        for (var i = 0; i < prefix; i++)
        {
            result.Add(new DiffLine(DiffLineKind.Same, a[i]));
        }

        var midA = a.Skip(prefix).Take(a.Count - prefix - suffix).ToArray();
        var midB = b.Skip(prefix).Take(b.Count - prefix - suffix).ToArray();
        result.AddRange(Middle(midA, midB));
        for (var i = a.Count - suffix; i < a.Count; i++)
        {
            result.Add(new DiffLine(DiffLineKind.Same, a[i]));
        }

        return result;
    }

    /// <summary>Groups the changes of an edit script into hunks with <paramref name="context"/> unchanged lines around them.</summary>
    public static IReadOnlyList<DiffHunk> Hunks(IReadOnlyList<DiffLine> script, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(script);
        var hunks = new List<DiffHunk>();
        var posA = new int[script.Count + 1];
        var posB = new int[script.Count + 1];
        for (var i = 0; i < script.Count; i++)
        {
            posA[i + 1] = posA[i] + (script[i].Kind == DiffLineKind.Added ? 0 : 1);
            posB[i + 1] = posB[i] + (script[i].Kind == DiffLineKind.Removed ? 0 : 1);
        }

        var i0 = 0;
        while (i0 < script.Count)
        {
            while (i0 < script.Count && script[i0].Kind == DiffLineKind.Same)
            {
                i0++;
            }

            if (i0 == script.Count)
            {
                break;
            }

            // Extend the hunk while the next change is close enough for the contexts to touch.
            var last = i0;
            var j = i0 + 1;
            while (j < script.Count)
            {
                if (script[j].Kind != DiffLineKind.Same)
                {
                    last = j;
                }
                else if (j - last > 2 * context)
                {
                    break;
                }

                j++;
            }

            var start = Math.Max(0, i0 - context);
            var end = Math.Min(script.Count, last + 1 + context);
            hunks.Add(new DiffHunk(posA[start], posA[end] - posA[start], posB[start], posB[end] - posB[start], [.. script.Skip(start).Take(end - start)]));
            i0 = end;
        }

        return hunks;
    }

    private static IEnumerable<DiffLine> Middle(string[] a, string[] b)
    {
        var n = a.Length;
        var m = b.Length;
        var max = n + m;
        if (max == 0)
        {
            return [];
        }

        // v[k + max] = the furthest x reached on diagonal k; trace[d] keeps v's diagonals -d..d before step d.
        var v = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        for (var d = 0; d <= Math.Min(max, MaxEdits); d++)
        {
            var snapshot = new int[(2 * d) + 1];
            Array.Copy(v, max - d, snapshot, 0, snapshot.Length);
            trace.Add(snapshot);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[max + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(a, b, trace, d);
                }
            }
        }

        return a.Select(t => new DiffLine(DiffLineKind.Removed, t)).Concat(b.Select(t => new DiffLine(DiffLineKind.Added, t)));
    }

    private static List<DiffLine> Backtrack(string[] a, string[] b, List<int[]> trace, int edits)
    {
        var reversed = new List<DiffLine>();
        var x = a.Length;
        var y = b.Length;
        for (var d = edits; d > 0; d--)
        {
            var v = trace[d];
            int At(int k) => v[k + d];
            var k = x - y;
            var prevK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var prevX = At(prevK);
            var prevY = prevX - prevK;
            while (x > prevX && y > prevY)
            {
                reversed.Add(new DiffLine(DiffLineKind.Same, a[--x]));
                y--;
            }

            if (x == prevX)
            {
                reversed.Add(new DiffLine(DiffLineKind.Added, b[--y]));
            }
            else
            {
                reversed.Add(new DiffLine(DiffLineKind.Removed, a[--x]));
            }
        }

        while (x > 0 && y > 0)
        {
            reversed.Add(new DiffLine(DiffLineKind.Same, a[--x]));
            y--;
        }

        reversed.Reverse();
        return reversed;
    }
}
