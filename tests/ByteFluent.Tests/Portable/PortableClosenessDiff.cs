using System.Text;

namespace ByteFluent.Tests.Portable;

/// <summary>
/// Debugging aid of the closeness report: the layer's opcodes and CPython's for one program side by side, aligned by a
/// minimal edit script (<c>=</c> same, <c>~</c> different, <c>-</c> only the layer's, <c>+</c> only CPython's), one
/// section per code object. Written for every non-identical program when <c>PORTABLE_DIFFS=1</c>.
/// </summary>
internal static class PortableClosenessDiff
{
    /// <summary>Whether the suite writes the per-program diffs (<c>PORTABLE_DIFFS=1</c>).</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("PORTABLE_DIFFS") == "1";

    /// <summary>The versions the suite runs: all, or those listed in <c>PORTABLE_VERSIONS</c> (comma-separated, for debugging only).</summary>
    public static IEnumerable<string> Versions(IEnumerable<string> all)
    {
        var only = Environment.GetEnvironmentVariable("PORTABLE_VERSIONS");
        if (string.IsNullOrWhiteSpace(only))
        {
            return all;
        }

        var wanted = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return all.Where(wanted.Contains);
    }

    /// <summary>The side-by-side listing of two op sections (lines <c>name: OP OP …</c>, code objects depth first).</summary>
    public static string SideBySide(string mine, string cpython)
    {
        var a = Parse(mine);
        var b = Parse(cpython);
        var sb = new StringBuilder();
        for (var k = 0; k < Math.Max(a.Count, b.Count); k++)
        {
            var (na, oa) = k < a.Count ? a[k] : ("<none>", []);
            var (nb, ob) = k < b.Count ? b[k] : ("<none>", []);
            sb.Append("## ").Append(na).Append(" | ").Append(nb).Append(oa.SequenceEqual(ob) ? " (same)" : string.Empty).Append('\n');
            if (oa.SequenceEqual(ob))
            {
                continue;
            }

            foreach (var (mark, x, y) in Align(oa, ob))
            {
                sb.Append(mark).Append(' ').Append(x.PadRight(32)).Append(y).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static List<(string Name, string[] Ops)> Parse(string section) =>
        [.. section.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            return (l[..colon], l[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        })];

    private static List<(char Mark, string Mine, string CPython)> Align(string[] a, string[] b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        var result = new List<(char, string, string)>();
        int x = a.Length, y = b.Length;
        while (x > 0 || y > 0)
        {
            if (x > 0 && y > 0 && d[x, y] == d[x - 1, y - 1] + (a[x - 1] == b[y - 1] ? 0 : 1))
            {
                result.Add((a[x - 1] == b[y - 1] ? '=' : '~', a[x - 1], b[y - 1]));
                x--;
                y--;
            }
            else if (x > 0 && d[x, y] == d[x - 1, y] + 1)
            {
                result.Add(('-', a[x - 1], string.Empty));
                x--;
            }
            else
            {
                result.Add(('+', string.Empty, b[y - 1]));
                y--;
            }
        }

        result.Reverse();
        return result;
    }
}
