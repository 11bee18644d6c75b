using System.Text;

namespace ByteFluent.Tests.Portable;

/// <summary>
/// Debug aid for the closeness table: with PORTABLE_DIFF set (a program name, a comma list of names, or "*" for every program
/// that differs), writes NAME.diff.txt next to the version's built files: per code object, the layer's opcodes and CPython's
/// side by side, aligned by the edit-distance path (lines marked "|" differ, "&lt;" only the layer's, "&gt;" only CPython's).
/// </summary>
internal static class ClosenessDiff
{
    public static void WriteIfRequested(string folder, string program, string mine, string oracle)
    {
        var wanted = Environment.GetEnvironmentVariable("PORTABLE_DIFF");
        if (string.IsNullOrEmpty(wanted) || (mine == oracle && wanted == "*"))
        {
            return;
        }

        if (wanted != "*" && !wanted.Split(',').Contains(program, StringComparer.Ordinal))
        {
            return;
        }

        var a = Lines(mine);
        var b = Lines(oracle);
        var sb = new StringBuilder();
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var (nameA, opsA) = i < a.Count ? a[i] : ("-", []);
            var (nameB, opsB) = i < b.Count ? b[i] : ("-", []);
            sb.Append("## ").Append(nameA).Append(" / ").Append(nameB).Append('\n');
            Align(opsA, opsB, sb);
        }

        File.WriteAllText(Path.Combine(folder, program + ".diff.txt"), sb.ToString());
    }

    private static List<(string Name, string[] Ops)> Lines(string ops) =>
        [.. ops.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            return (l[..colon], l[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        })];

    private static void Align(string[] a, string[] b, StringBuilder sb)
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

        var rows = new List<string>();
        int x = a.Length, y = b.Length;
        while (x > 0 || y > 0)
        {
            if (x > 0 && y > 0 && d[x, y] == d[x - 1, y - 1] + (a[x - 1] == b[y - 1] ? 0 : 1))
            {
                rows.Add($"{a[x - 1],-32} {(a[x - 1] == b[y - 1] ? ' ' : '|')} {b[y - 1]}");
                x--;
                y--;
            }
            else if (x > 0 && d[x, y] == d[x - 1, y] + 1)
            {
                rows.Add($"{a[x - 1],-32} <");
                x--;
            }
            else
            {
                rows.Add($"{string.Empty,-32} > {b[y - 1]}");
                y--;
            }
        }

        rows.Reverse();
        foreach (var r in rows)
        {
            sb.Append(r.TrimEnd()).Append('\n');
        }
    }
}
