using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ByteFluent.Cli.Console;
using ByteFluent.Cli.Roundtrip;
using ByteFluent.Model;

namespace ByteFluent.Cli.Commands;

/// <summary>
/// The <c>--level code</c> part of <c>bytefluent roundtrip</c>: every code object of every .pyc under the paths goes
/// through the model (FromCode → ToCode, no edits) and is compared field by field with the original. The files are
/// checked version by version (each version on all cores), so the summary table has one row per version.
/// </summary>
internal static class CodeRoundtripLevel
{
    private const int MaxSamples = 50;

    /// <summary>Runs the code level over .pyc files; returns the exit code (0 only when every code object is identical).</summary>
    public static int Run(IReadOnlyList<string> pycFiles, bool json, TextWriter stdout, TextWriter stderr)
    {
        var groups = pycFiles.GroupBy(VersionGroups.OfFile).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var runs = new List<(string Version, CodeRoundtrip Result, TimeSpan Time)>();
        using (var progress = ProgressReporter.For("roundtrip", pycFiles.Count, stderr))
        {
            foreach (var version in VersionGroups.Ordered(groups.Keys))
            {
                var clock = Stopwatch.StartNew();
                var roundtrip = new CodeRoundtrip { MaxSamples = MaxSamples };
                roundtrip.Run(groups[version], _ => progress.Advance());
                runs.Add((version, roundtrip, clock.Elapsed));
            }
        }

        var all = runs.Select(r => r.Result).ToList();
        var total = (
            Files: all.Sum(r => r.Files),
            CodeObjects: all.Sum(r => r.CodeObjects),
            Identical: all.Sum(r => r.Identical),
            Different: all.Sum(r => r.Different),
            Errors: all.Sum(r => r.Errors));
        var byField = CodeFidelity.FieldNames
            .Select(f => (Field: f, Count: all.Sum(r => r.ByField.GetValueOrDefault(f))))
            .Where(p => p.Count > 0)
            .ToList();
        var samples = all.SelectMany(r => r.Samples).Take(MaxSamples).ToList();
        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("level", "code");
                w.WriteNumber("files", total.Files);
                w.WriteNumber("codeObjects", total.CodeObjects);
                w.WriteNumber("identical", total.Identical);
                w.WriteNumber("different", total.Different);
                w.WriteNumber("errors", total.Errors);
                w.WriteStartObject("byField");
                foreach (var (field, count) in byField)
                {
                    w.WriteNumber(field, count);
                }

                w.WriteEndObject();
                w.WriteStartArray("samples");
                foreach (var s in samples)
                {
                    w.WriteStringValue(s);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            var table = new SummaryTable("version", "files", "code objects", "identical", "different", "errors", "time");
            foreach (var (version, r, time) in runs)
            {
                table.Add(version, r.Files, r.CodeObjects, r.Identical, r.Different, r.Errors, SummaryTable.Seconds(time));
            }

            table.Add("total", total.Files, total.CodeObjects, total.Identical, total.Different, total.Errors,
                SummaryTable.Seconds(TimeSpan.FromTicks(runs.Sum(r => r.Time.Ticks)))).Write(stdout);
            if (byField.Count > 0)
            {
                stdout.WriteLine("by field: " + string.Join(", ", byField.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Field}={p.Count}"))));
            }

            foreach (var s in samples)
            {
                stdout.WriteLine("  " + s);
            }
        }

        return all.All(r => r.AllIdentical) ? 0 : 1;
    }
}
