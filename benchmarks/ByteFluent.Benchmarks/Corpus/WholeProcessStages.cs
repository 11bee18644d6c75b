using System.Globalization;
using System.Text.Json;
using ByteFluent.TestSupport;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// Whole processes, as users run them, timed by Corpus/process_timer.py (one warm-up run, then N timed runs, peak
/// resident set of the runs): C marshal (Corpus/marshal_process.py: read every file, loads, dumps) and the bytefluent
/// CLI's <c>roundtrip --level file</c>, <c>roundtrip --level code</c> and <c>dis</c> of every file to one output file;
/// with scaling on, <c>roundtrip --level code</c> once more pinned to one core (<c>taskset -c 0</c>).
/// </summary>
internal static class WholeProcessStages
{
    public static IReadOnlyList<Measurement> Run(CorpusFiles corpus, CorpusOptions options, string cli)
    {
        var list = Path.GetTempFileName();
        var disOut = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(list, corpus.Paths);
            var python = Interpreters.Get(corpus.Version).Executable;
            var stages = new List<Measurement>
            {
                Time("process marshal", "C marshal.loads + dumps, whole process", python, options, "-",
                    [python, Subprocess.Script("marshal_process.py"), list, corpus.HeaderSize.ToString(CultureInfo.InvariantCulture)]),
                Time("process roundtrip file", "bytefluent roundtrip --level file", python, options, "-",
                    [cli, "roundtrip", "--level", "file", .. corpus.Paths]),
                Time("process roundtrip code", "bytefluent roundtrip --level code", python, options, "-",
                    [cli, "roundtrip", "--level", "code", .. corpus.Paths]),
                Time("process dis", "bytefluent dis FILES > one file", python, options, disOut,
                    [cli, "dis", "--color", "never", .. corpus.Paths]),
            };
            if (options.Scaling)
            {
                stages.Add(File.Exists("/usr/bin/taskset")
                    ? Time("process roundtrip code 1 core", "bytefluent roundtrip --level code on one core (taskset -c 0)", python, options, "-",
                        ["/usr/bin/taskset", "-c", "0", cli, "roundtrip", "--level", "code", .. corpus.Paths])
                    : new Measurement { Stage = "process roundtrip code 1 core", What = "one core", Missing = "taskset is not installed" });
            }

            return stages;
        }
        finally
        {
            File.Delete(list);
            File.Delete(disOut);
        }
    }

    private static Measurement Time(string stage, string what, string python, CorpusOptions options, string stdoutFile, IReadOnlyList<string> command)
    {
        var output = Subprocess.Run(
            python,
            [Subprocess.Script("process_timer.py"), options.CliRepeats.ToString(CultureInfo.InvariantCulture), stdoutFile, "--", .. command],
            TimeSpan.FromHours(1));
        using var doc = JsonDocument.Parse(Subprocess.LastLine(output));
        var codes = doc.RootElement.GetProperty("exitCodes").EnumerateArray().Select(c => c.GetInt32()).ToArray();
        return new Measurement
        {
            Stage = stage,
            What = what,
            Seconds = [.. doc.RootElement.GetProperty("seconds").EnumerateArray().Select(s => s.GetDouble())],
            CpuSeconds = [.. doc.RootElement.GetProperty("cpuSeconds").EnumerateArray().Select(s => s.GetDouble())],
            PeakWorkingSetBytes = doc.RootElement.GetProperty("maxRssKb").GetInt64() * 1024,
            // The check: runs that exited 0 (roundtrip: every file or code object identical; 1 means some differ,
            // as 2.7's 140 stack sizes do, and still counts as a run; anything else is a failure).
            Check = codes.Count(c => c == 0),
            Missing = codes.All(c => c is 0 or 1) ? null : $"exit codes {string.Join(", ", codes)}",
        };
    }
}
