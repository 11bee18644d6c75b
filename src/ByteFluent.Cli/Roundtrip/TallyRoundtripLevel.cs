using System.Globalization;
using System.Text.Json;
using ByteFluent.Cli.Console;

namespace ByteFluent.Cli.Roundtrip;

/// <summary>A level that checks files independently into a <see cref="RoundtripTally"/>: runs on all cores, shows progress on a terminal, prints the summary table or the JSON object.</summary>
internal abstract class TallyRoundtripLevel : RoundtripLevel
{
    /// <summary>Starts counting a run.</summary>
    public abstract RoundtripTally Start();

    public override int Run(IReadOnlyList<string> pycFiles, bool json, TextWriter stdout, TextWriter stderr)
    {
        var tally = Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var progress = ProgressReporter.For("roundtrip", pycFiles.Count, stderr))
        {
            Parallel.ForEach(pycFiles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
            {
                byte[]? data = null;
                try
                {
                    data = File.ReadAllBytes(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    tally.Unreadable(path, "cannot read the file: " + e.Message);
                }

                if (data is not null)
                {
                    tally.Check(path, data);
                }

                progress.Advance();
            });
        }

        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                tally.WriteJson(writer);
            }

            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            var rows = tally.SummaryRows().ToList();
            rows.Add(("time", string.Create(CultureInfo.InvariantCulture, $"{SummaryTable.Seconds(clock.Elapsed)} ({Environment.ProcessorCount} threads)")));
            var width = rows.Max(r => r.Name.Length);
            foreach (var (name, value) in rows)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(width)}  {value}"));
            }

            stdout.WriteLine();
            var table = new SummaryTable("version", "files", "identical", "different", "errors");
            foreach (var (version, c) in tally.ByVersion)
            {
                table.Add(version, c.Files, c.Identical, c.Different, c.Errors);
            }

            table.Add("total", tally.Files, tally.Identical, tally.Different, tally.Errors).Write(stdout);

            foreach (var s in tally.Samples)
            {
                stdout.WriteLine($"{s.Kind}: {s.File}: {s.Message}");
            }
        }

        return tally.AllIdentical ? 0 : 1;
    }
}
