using System.Globalization;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>Prints a <see cref="CorpusResult"/> as two Markdown tables: the stages, then the ratios with their targets.</summary>
internal static class CorpusTable
{
    private const double MB = 1024 * 1024;

    public static void Write(CorpusResult r, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine();
        w.WriteLine(string.Create(inv, $"### CPython {r.Version}: {r.Files:N0} files, {r.Bytes / 1e6:F1} MB, {r.CodeObjects:N0} code objects ({r.Corpus})"));
        w.WriteLine();
        w.WriteLine("machine: " + r.Machine);
        if (r.PythonCodeObjects is { } p && p != r.CodeObjects)
        {
            w.WriteLine(string.Create(inv, $"WARNING: CPython counts {p:N0} code objects, ByteFluent {r.CodeObjects:N0}"));
        }

        w.WriteLine();
        w.WriteLine("| stage | what | runs | best s | median s | best CPU s | MB/s | code objects/s | allocated MB | peak WS MB | check |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var s in r.Stages)
        {
            if (!s.Ran)
            {
                w.WriteLine($"| {s.Stage} | {s.What} | – | – | – | – | – | – | – | – | missing: {s.Missing} |");
                continue;
            }

            var peak = s.PeakWorkingSetBytes;
            w.WriteLine(string.Create(inv,
                $"| {s.Stage} | {s.What} | {s.Seconds.Count} | {s.Best:F3} | {s.Median:F3} | {(s.BestCpu is { } c ? c.ToString("F3", inv) : "–")} | {r.Bytes / MB / s.Best:F1} | {r.CodeObjects / s.Best:N0} | " +
                $"{(s.AllocatedBytes is { } a ? (a / MB).ToString("F0", inv) : "–")} | {(peak is { } pk ? (pk / MB).ToString("F0", inv) : "–")} | {s.Check} |"));
        }

        if (r.PythonMaxRssBytes is { } rss)
        {
            w.WriteLine(string.Create(inv, $"\nCPython's in-process stages peaked at {rss / MB:F0} MB resident (the whole script)."));
        }

        w.WriteLine();
        w.WriteLine("| ratio (best times, same run) | wall | CPU | target | met (wall) |");
        w.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var x in r.Ratios)
        {
            static string F(double? v) => v is { } d ? d.ToString(d >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture) : "–";
            var value = F(x.Value) + " | " + F(x.CpuValue);
            var met = x.Met switch { true => "yes", false => "**no**", null => "–" };
            w.WriteLine($"| {x.Name} | {value} | {x.Target} | {met}{(x.Note is { } n ? " (" + n + ")" : string.Empty)} |");
        }
    }
}
