using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// <c>corpus</c>: for one version and one corpus, in one run and on the same files, ByteFluent in process and as the
/// CLI against CPython's C marshal, its dis module and the bytecode library; prints the measurements and every ratio
/// (see <see cref="CorpusOptions.Usage"/> and benchmarks/README.md). Only same-run ratios mean anything.
/// </summary>
internal static class CorpusBenchmark
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var options = CorpusOptions.Parse(args, stderr);
        if (options is null)
        {
            return 2;
        }

        var results = new List<CorpusResult>();
        foreach (var version in options.Versions)
        {
            var result = Measure(version, options, stderr);
            CorpusTable.Write(result, stdout);
            results.Add(result);
        }

        if (options.JsonPath is { } json)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    public static CorpusResult Measure(string version, CorpusOptions options, TextWriter log)
    {
        if (!Interpreters.NativeVersions.Contains(version))
        {
            throw new ArgumentException($"corpus measures native interpreters only ({string.Join(", ", Interpreters.NativeVersions)}); " +
                "pyodide's WebAssembly timings are no fair baseline");
        }

        var corpus = CorpusFiles.Select(version, options.Corpus, options.Files);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus {version}: {corpus.Paths.Count} files, {corpus.Bytes / 1e6:F1} MB ({corpus.Description})"));
        var machine = Machine();
        var stages = new List<Measurement>();
        log.WriteLine("  ByteFluent in process ...");
        using (var sampler = options.AllocationTypes ? new AllocationSampler() : null)
        {
            stages.AddRange(ByteFluentStages.Run(corpus, options.Repeats, options.Only));
            sampler?.Print(log);
        }

        long? pythonObjects = null;
        long? pythonRss = null;
        if (options.Python)
        {
            log.WriteLine("  CPython in process (marshal, dis, bytecode) ...");
            var (python, objects, rss) = PythonStages.Run(corpus, options);
            stages.AddRange(python);
            pythonObjects = objects;
            pythonRss = rss;
        }

        if (options.Cli)
        {
            log.WriteLine("  whole processes ...");
            stages.AddRange(WholeProcessStages.Run(corpus, options, FindCli(options)));
        }

        return new CorpusResult
        {
            Version = version,
            Corpus = corpus.Description,
            Files = corpus.Paths.Count,
            Bytes = corpus.Bytes,
            CodeObjects = corpus.Blobs.Sum(b => (long)PycFile.Read(b).Code.SelfAndDescendants().Count()),
            PythonCodeObjects = pythonObjects,
            PythonMaxRssBytes = pythonRss,
            Machine = machine,
            Stages = stages,
            Ratios = Ratios.Compute(stages, corpus.Bytes),
        };
    }

    private static string FindCli(CorpusOptions options)
    {
        // The command as `dotnet tool install` gives it on this platform: the ReadyToRun publish of the tool's
        // RID-specific package where there is one (the Release build makes it), else the portable build.
        var output = Path.Combine(RepositoryPaths.Root, "src", "ByteFluent.Cli", "bin", "Release", "net10.0");
        var published = Path.Combine(output, RuntimeInformation.RuntimeIdentifier, "publish", "ByteFluent.Cli");
        var cli = options.CliPath ?? (File.Exists(published) ? published : Path.Combine(output, "ByteFluent.Cli"));
        return File.Exists(cli)
            ? Path.GetFullPath(cli)
            : throw new FileNotFoundException($"no bytefluent executable at {cli}: build it (dotnet build -c Release) or pass --cli PATH");
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
            $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GB, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}, load average {load} at the start");
    }
}
