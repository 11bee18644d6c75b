using System.Text.Json;
using ByteFluent.TestSupport;
using Xunit.Abstractions;

namespace ByteFluent.Tests.CPythonSuites;

/// <summary>
/// CPython's own regression tests (the CI subset of tools/cpython-tests/regrtest.py) pass with the same per-test
/// outcomes on a standard library rewritten by <c>bytefluent rewrite</c> with <c>identity</c> and <c>nops</c> as on the
/// unmodified library; for the pyodide versions, every rewritten module imports as before and the test programs
/// print the same. The harness proves the rewritten files are what runs (verification step) before any test.
/// </summary>
public sealed class CPythonSuiteTests(ITestOutputHelper output)
{
    public static TheoryRows NativeVersions => new(Interpreters.NativeVersions);

    public static TheoryRows PyodideVersions => new(Interpreters.PyodideVersions);

    [Theory]
    [MemberData(nameof(NativeVersions))]
    public void TheCiSubsetHasTheBaselineOutcomesWithIdentityAndNops(string version)
    {
        var summary = RunHarness(["run", "--version", version, "--transform", "identity", "--transform", "nops"], version);
        var runs = summary.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        foreach (var run in runs)
        {
            var transform = run.GetProperty("transform").GetString();
            var counts = run.GetProperty("counts");
            var baseline = run.GetProperty("baseline_counts");
            Assert.True(counts.TryGetProperty("ok", out var ok) && ok.GetInt32() > 500, $"{version} {transform}: too few passing test cases: {counts}");
            Assert.Equal(baseline.ToString(), counts.ToString());
            Assert.True(run.GetProperty("verification").GetProperty("execution").GetProperty("functions").GetInt32() > 1000);
            Assert.Equal(0, run.GetProperty("differences").GetArrayLength());
        }
    }

    [Theory]
    [MemberData(nameof(PyodideVersions))]
    public void PyodideImportsTheRewrittenStdlibAndTheProgramsPrintTheSame(string version)
    {
        Interpreters.Get(version); // installs pyodide when needed
        var summary = RunHarness(["pyodide", "--version", version, "--transform", "identity", "--transform", "nops"], version);
        var runs = summary.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        foreach (var run in runs)
        {
            Assert.True(run.GetProperty("imports").GetInt32() > 400);
            Assert.True(run.GetProperty("programs").GetArrayLength() >= 7);
            Assert.True(run.GetProperty("verification").GetProperty("modules").GetInt32() > 100);
            Assert.Equal(0, run.GetProperty("problems").GetArrayLength());
            Assert.Equal(0, run.GetProperty("differences").GetArrayLength());
        }
    }

    private JsonElement RunHarness(string[] args, string version)
    {
        var harness = Path.Combine(RepositoryPaths.Tools, "cpython-tests", "regrtest.py");
        var json = Path.Combine(RepositoryPaths.BuildCache("cpython-tests"), $"ci-{version}-{args[0]}.json");
        File.Delete(json);
        var host = Interpreters.Get("3.13");
        var result = host.RunScript(harness, [.. args, "--rewriter", "dotnet " + CliDll(), "--json", json], timeout: TimeSpan.FromMinutes(20));
        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);
        Assert.True(File.Exists(json), $"the harness wrote no summary (exit code {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        Assert.True(result.ExitCode == 0, $"the harness found differences or failed (exit code {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.Clone();
    }

    /// <summary>The bytefluent CLI (the test project references it, so it sits next to this assembly).</summary>
    private static string CliDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ByteFluent.Cli.dll");
        Assert.True(File.Exists(dll), $"bytefluent is not built next to the tests: {dll}");
        return dll;
    }
}
