using System.Globalization;

namespace ByteFluent.Cli.Console;

/// <summary>
/// The table long commands end with: a header row, one row per group (version, outcome, ...), and a total row.
/// The first column is left-aligned, the others (numbers) right-aligned.
/// </summary>
internal sealed class SummaryTable(params string[] columns)
{
    private readonly List<string[]> rows = [];

    /// <summary>Adds a row (one cell per column).</summary>
    public SummaryTable Add(params object[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"a row has {columns.Length} cells, not {cells.Length}", nameof(cells));
        }

        rows.Add([.. cells.Select(c => c is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : c.ToString() ?? string.Empty)]);
        return this;
    }

    /// <summary>Writes the table, with a rule above the last row when <paramref name="lastIsTotal"/>.</summary>
    public void Write(TextWriter w, bool lastIsTotal = true)
    {
        var all = new List<string[]> { columns };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, columns.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        string Format(string[] r) => string.Join("  ", r.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        w.WriteLine(Format(columns));
        for (var i = 0; i < rows.Count; i++)
        {
            if (lastIsTotal && i == rows.Count - 1 && rows.Count > 1)
            {
                w.WriteLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
            }

            w.WriteLine(Format(rows[i]));
        }
    }

    /// <summary>Seconds with one decimal.</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
