using System.Globalization;
using System.Text.Json;
using ByteFluent.TestSupport;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// CPython's side, measured by Corpus/corpus_python.py in a subprocess that times only its inner loops:
/// <c>loads</c>, <c>dumps</c> and <c>dis</c> in the version's own interpreter, and <c>bytecode</c>
/// (<c>Bytecode.from_code(c).to_code()</c>) in the first interpreter that can import the library and load these files.
/// </summary>
internal static class PythonStages
{
    public static (IReadOnlyList<Measurement> Stages, long CodeObjects, long? MaxRssBytes) Run(CorpusFiles corpus, CorpusOptions options)
    {
        var list = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(list, corpus.Paths);
            var own = Interpreters.Get(corpus.Version).Executable;
            using var main = JsonDocument.Parse(RunScript(own, list, corpus, options, "loads,dumps,dis"));
            var stages = new List<Measurement>();
            foreach (var name in new[] { "loads", "dumps", "dis" })
            {
                stages.Add(Read(name, main.RootElement.GetProperty("stages").GetProperty(name)));
            }

            stages.Add(Peer(list, corpus, options, own));
            var rss = main.RootElement.TryGetProperty("maxRssKb", out var kb) ? kb.GetInt64() * 1024 : (long?)null;
            return (stages, main.RootElement.GetProperty("codeObjects").GetInt64(), rss);
        }
        finally
        {
            File.Delete(list);
        }
    }

    private static Measurement Peer(string list, CorpusFiles corpus, CorpusOptions options, string own)
    {
        var candidates = options.PeerPython is { } p ? [p] : new List<string> { own, "/usr/bin/python3" }.Distinct().Where(File.Exists).ToList();
        var reasons = new List<string>();
        foreach (var python in candidates)
        {
            using var doc = JsonDocument.Parse(RunScript(python, list, corpus, options, "bytecode"));
            var m = Read("bytecode", doc.RootElement.GetProperty("stages").GetProperty("bytecode"));
            if (m.Ran)
            {
                return m with { What = m.What + $" (Python {doc.RootElement.GetProperty("python").GetString()})" };
            }

            reasons.Add(m.Missing!);
        }

        return new Measurement { Stage = "bytecode", What = "bytecode library", Missing = string.Join("; ", reasons) };
    }

    private static string RunScript(string python, string list, CorpusFiles corpus, CorpusOptions options, string stages) =>
        Subprocess.LastLine(Subprocess.Run(
            python,
            [
                Subprocess.Script("corpus_python.py"), list, corpus.HeaderSize.ToString(CultureInfo.InvariantCulture),
                options.Repeats.ToString(CultureInfo.InvariantCulture), options.SlowRepeats.ToString(CultureInfo.InvariantCulture), stages,
            ],
            TimeSpan.FromHours(1)));

    private static Measurement Read(string stage, JsonElement e)
    {
        if (e.TryGetProperty("missing", out var missing))
        {
            return new Measurement { Stage = stage, What = stage, Missing = missing.GetString() };
        }

        return new Measurement
        {
            Stage = stage,
            What = e.GetProperty("what").GetString()!,
            Seconds = [.. e.GetProperty("seconds").EnumerateArray().Select(s => s.GetDouble())],
            CpuSeconds = [.. e.GetProperty("cpuSeconds").EnumerateArray().Select(s => s.GetDouble())],
            Check = e.GetProperty("result").GetInt64(),
        };
    }
}
