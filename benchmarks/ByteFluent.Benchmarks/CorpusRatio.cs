using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Benchmarks;

/// <summary>
/// The corpus benchmark: reads, writes and disassembles a whole standard-library corpus with ByteFluent and, in the
/// same run on the same files, with the interpreter's own C <c>marshal</c> and its <c>dis</c> module, and prints
/// ByteFluent's time as a ratio of CPython's (best of N repeats each, so that both sides are warm). A ratio below 1
/// means ByteFluent is faster. Native versions only: pyodide's WebAssembly timings are not a fair baseline.
/// </summary>
internal static class CorpusRatio
{
    private const int DefaultRepeats = 3;

    public static int Run(string[] args)
    {
        var versions = new List<string>();
        var repeats = DefaultRepeats;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--version" when i + 1 < args.Length:
                    versions.AddRange(args[++i] == "all" ? Interpreters.NativeVersions : [args[i]]);
                    break;
                case "--repeats" when i + 1 < args.Length:
                    repeats = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine("usage: corpus [--version X.Y|all]... [--repeats N]");
                    return 2;
            }
        }

        if (versions.Count == 0)
        {
            versions.AddRange(["2.7", "3.12"]);
        }

        Console.WriteLine("| version | files | stage | ByteFluent s | CPython s | ratio |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var v in versions)
        {
            Measure(v, repeats);
        }

        return 0;
    }

    private static void Measure(string version, int repeats)
    {
        var paths = Corpora.PycFiles(version);
        var blobs = paths.Select(File.ReadAllBytes).ToArray();
        var pythonVersion = PythonVersion.Parse(version);
        var ours = TimeOurs(blobs, pythonVersion, repeats);
        var theirs = TimeCPython(version, paths, PycFile.Read(blobs[0]).Header.Size, repeats);
        foreach (var stage in new[] { "read", "write", "dis" })
        {
            var a = ours[stage];
            var b = theirs.GetProperty(stage).GetDouble();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {version} | {blobs.Length} | {stage} | {a:F3} | {b:F3} | {a / b:F2} |"));
        }
    }

    private static Dictionary<string, double> TimeOurs(byte[][] blobs, PythonVersion version, int repeats)
    {
        var best = new Dictionary<string, double> { ["read"] = double.MaxValue, ["write"] = double.MaxValue, ["dis"] = double.MaxValue };
        var parsed = blobs.Select(b => PycFile.Read(b)).ToArray();
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var b in blobs)
            {
                PycFile.Read(b);
            }

            best["read"] = Math.Min(best["read"], sw.Elapsed.TotalSeconds);
            sw.Restart();
            foreach (var p in parsed)
            {
                p.ToBytes();
            }

            best["write"] = Math.Min(best["write"], sw.Elapsed.TotalSeconds);
            sw.Restart();
            var n = 0L;
            foreach (var p in parsed)
            {
                // Like `dis` on every code object: decode each into the model and print its listing.
                foreach (var c in p.Code.SelfAndDescendants())
                {
                    n += Code.FromCode(c, version).CodeList.ToString().Length;
                }
            }

            best["dis"] = Math.Min(best["dis"], sw.Elapsed.TotalSeconds);
            GC.KeepAlive(n);
        }

        return best;
    }

    private static JsonElement TimeCPython(string version, IReadOnlyList<string> paths, int headerSize, int repeats)
    {
        var list = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(list, paths);
            var script = Path.Combine(AppContext.BaseDirectory, "corpus_baseline.py");
            var run = Interpreters.Get(version).RunScript(
                script,
                [list, headerSize.ToString(CultureInfo.InvariantCulture), repeats.ToString(CultureInfo.InvariantCulture)],
                timeout: TimeSpan.FromMinutes(30));
            var output = run.EnsureSuccess("the CPython corpus baseline");
            return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
        }
        finally
        {
            File.Delete(list);
        }
    }
}
