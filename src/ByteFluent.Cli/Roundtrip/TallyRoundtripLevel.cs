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
        using (var progress = new ProgressReporter("roundtrip", pycFiles.Count))
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
            var width = rows.Max(r => r.Name.Length);
            foreach (var (name, value) in rows)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(width)}  {value}"));
            }

            foreach (var s in tally.Samples)
            {
                stdout.WriteLine($"{s.Kind}: {s.File}: {s.Message}");
            }
        }

        return tally.AllIdentical ? 0 : 1;
    }
}
