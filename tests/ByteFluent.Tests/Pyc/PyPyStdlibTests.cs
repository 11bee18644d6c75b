using System.Diagnostics;
using System.Globalization;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Pyc;

/// <summary>
/// PyPy 3.9's own standard library as a corpus: compiled by the real <c>pypy3</c> into a temporary folder at test time
/// (tools/pypy-stdlib/compile.py; nothing is written beside the installed library and nothing is kept), every file read
/// and written back byte-identical, every code object rebuilt through the model identical in every field, and a
/// sample of modules rebuilt from the model loaded and run in PyPy beside the originals (tools/pypy-stdlib/run_rebuilt.py).
/// The test command takes a seeded sample of the library's files; <c>BYTEFLUENT_PYPY_STDLIB=all</c> takes every file
/// (or a number: that many files), <c>BYTEFLUENT_PYPY_STDLIB_SEED</c> another sample.
/// </summary>
public sealed class PyPyStdlibTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultFiles = 160;
    private const int ModulesRun = 40;
    private readonly string work = Path.Combine(Path.GetTempPath(), "bytefluent-pypy-stdlib-" + Guid.NewGuid().ToString("N"));

    // The modules run_rebuilt.py calls into (besides loading them): always in the sample.
    private static readonly HashSet<string> Exercised = new(
        ["bisect", "heapq", "textwrap", "colorsys", "fractions", "difflib", "statistics", "string", "base64", "shlex", "fnmatch", "calendar", "ipaddress", "datetime", "decimal"],
        StringComparer.Ordinal);

    private static string Tool(string name) => Path.Combine(RepositoryPaths.Tools, "pypy-stdlib", name);

    [Fact]
    public void PyPy39_standard_library_round_trips_and_rebuilt_modules_run()
    {
        var pypy = Interpreters.PyPy;
        var listing = pypy.RunScript(Tool("list.py"), timeout: TimeSpan.FromMinutes(2)).EnsureSuccess("listing PyPy's standard library")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var library = listing[0];
        var sources = listing[1..];
        Assert.True(sources.Length > 500, $"only {sources.Length} .py files under {library}");

        var chosen = Sample(sources);
        var compiled = Path.Combine(work, "compiled");
        var clock = Stopwatch.StartNew();
        var counts = pypy.RunScript(Tool("compile.py"), [library, compiled, .. chosen], timeout: TimeSpan.FromMinutes(10))
            .EnsureSuccess("compiling PyPy's standard library").Split(' ');
        output.WriteLine($"{counts[0]} of {sources.Length} files of {library} compiled by {pypy.Executable} ({counts[1].Trim()} refused), {clock.Elapsed.TotalSeconds:F1}s");

        var files = Directory.EnumerateFiles(compiled, "*.pyc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= chosen.Count * 9 / 10, $"only {files.Count} of {chosen.Count} files compiled");
        clock.Restart();
        var m = SharedCorpusMeasure.Run(files, f => Path.GetRelativePath(compiled, f).Replace('\\', '/'));
        output.WriteLine($"file and code level, {clock.Elapsed.TotalSeconds:F1}s:");
        output.WriteLine(m.Table());
        var row = Assert.Single(m.Rows);
        Assert.Contains("pypy3.9", row.Key, StringComparison.Ordinal);
        Assert.True(row.Value.CodeObjects > files.Count, $"only {row.Value.CodeObjects} code objects in {files.Count} files");
        Assert.True(m.Exceptions.Count == 0, $"{m.Exceptions.Count} exceptions:\n  " + string.Join("\n  ", m.Exceptions.Order(StringComparer.Ordinal).Take(30)));
        Assert.Equal(files.Count, row.Value.FilesIdentical);
        Assert.Equal(row.Value.CodeObjects, row.Value.CodeIdentical);

        clock.Restart();
        var ran = RunRebuilt(pypy, compiled, files);
        output.WriteLine($"rebuilt modules loaded and run in PyPy beside the originals, {clock.Elapsed.TotalSeconds:F1}s:");
        output.WriteLine(ran);
    }

    // Rebuilds every code object of a sample of top-level modules from the model, writes them as .pyc with the
    // original header and has PyPy load (and, where run_rebuilt.py knows how, call into) original and rebuilt.
    private static string RunRebuilt(PythonInterpreter pypy, string compiled, IReadOnlyList<string> files)
    {
        var exercised = Exercised;
        var topLevel = files.Where(f => Path.GetDirectoryName(f) == compiled && !Path.GetFileName(f).StartsWith("__", StringComparison.Ordinal)).ToList();
        var seed = Seed();
        var modules = topLevel.Where(f => exercised.Contains(Path.GetFileNameWithoutExtension(f)))
            .Concat(topLevel.Where(f => !exercised.Contains(Path.GetFileNameWithoutExtension(f))).OrderBy(f => Hash(f, seed)).Take(ModulesRun))
            .ToList();
        Assert.True(modules.Count >= 10, $"only {modules.Count} top-level modules to run");
        var rebuiltDir = Path.Combine(Path.GetDirectoryName(compiled)!, "rebuilt");
        Directory.CreateDirectory(rebuiltDir);
        var args = new List<string>();
        foreach (var f in modules)
        {
            var pyc = PycFile.Load(f);
            var version = pyc.Header.Version;
            Assert.Equal(PythonVersion.PyPy3_9, version);
            var rebuilt = Code.FromCode(pyc.Code, version).ToCode(version);
            var target = Path.Combine(rebuiltDir, Path.GetFileName(f));
            (pyc with { Value = rebuilt }).Save(target);
            args.AddRange([Path.GetFileNameWithoutExtension(f), f, target]);
        }

        var run = pypy.RunScript(Tool("run_rebuilt.py"), args, timeout: TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"a rebuilt module behaves differently in PyPy:\n{run.StandardOutput}\n{run.StandardError}");
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(modules.Count, lines.Count(l => l.StartsWith("same ", StringComparison.Ordinal)));
        Assert.True(lines.Count(l => l.Contains(" ran ", StringComparison.Ordinal)) >= 10, "fewer than 10 modules were called into:\n" + run.StandardOutput);
        return string.Join("\n", lines);
    }

    private static List<string> Sample(string[] sources)
    {
        var wanted = Environment.GetEnvironmentVariable("BYTEFLUENT_PYPY_STDLIB");
        if (wanted == "all")
        {
            return [.. sources];
        }

        var count = int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : DefaultFiles;
        var seed = Seed();

        // The modules called into, a seeded share of the other top-level modules (the ones run), and of the packages' files.
        var top = sources.Where(s => !s.Contains('/', StringComparison.Ordinal)).ToList();
        var rest = sources.Where(s => s.Contains('/', StringComparison.Ordinal)).OrderBy(s => Hash(s, seed)).ToList();
        var always = top.Where(s => Exercised.Contains(s[..^3])).ToList();
        return [.. always, .. top.Except(always).OrderBy(s => Hash(s, seed)).Take(Math.Max(count * 2 / 3, 1)), .. rest.Take(Math.Max(count / 3, 1))];
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("BYTEFLUENT_PYPY_STDLIB_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 15;

    private static uint Hash(string s, int seed)
    {
        var h = 2166136261u ^ (uint)seed;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
