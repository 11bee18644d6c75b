using ByteFluent.Assembly;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Verification;

/// <summary>
/// Done-when 1 of issue 11: seeded random programs (<see cref="RandomPrograms"/>) go through ToCode and its verifier;
/// every program accepted is written as a .pyc and run in the real interpreter (each in a forked child with a time
/// limit, many per interpreter process, run_programs.py). The bar: 0 crashes among accepted programs, and rejected ones
/// fail only with ByteFluent's documented exceptions. The default run takes 150 programs per native version; the full
/// campaign is <c>BYTEFLUENT_DIFF_PROGRAMS=5000</c> (and <c>BYTEFLUENT_DIFF_SEED</c> to move the seeds).
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    public static TheoryData<string> Versions => [.. Interpreters.NativeVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Accepted_random_programs_never_crash_the_interpreter(string version)
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("BYTEFLUENT_DIFF_PROGRAMS"), out var n) ? n : 150;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BYTEFLUENT_DIFF_SEED"), out var s) ? s : 11;
        var v = PythonVersion.Parse(version);
        var work = Path.Combine(RepositoryPaths.BuildCache("differential"), version);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var generator = new RandomPrograms(v, seed * 1000 + v.Minor);
        var accepted = new List<(int Index, string Path, string Listing)>();
        int rejected = 0, mutatedAccepted = 0;
        var byProblem = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var code = generator.Next(out var mutated);
            try
            {
                var built = code.ToCode();
                var path = Path.Combine(work, i + ".pyc");
                PycFile.Create(built, v).Save(path);
                accepted.Add((i, path, code.CodeList.ToString()));
                mutatedAccepted += mutated ? 1 : 0;
            }
            catch (Exception e) when (e is VerificationException or InvalidCodeException)
            {
                rejected++;
                var key = e is VerificationException ve ? ve.Problem : "invalid code";
                byProblem[key] = byProblem.GetValueOrDefault(key) + 1;
            }
        }

        var list = Path.Combine(work, "programs.txt");
        File.WriteAllLines(list, accepted.Select(a => a.Path));
        var script = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Verification", "run_programs.py");
        var run = Interpreters.Get(version).RunScript(script, [list], [work], TimeSpan.FromMinutes(Math.Max(5, count / 100)));
        var results = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        var crashes = results.Where(p => p[1].StartsWith("crash", StringComparison.Ordinal) || p[1].StartsWith("exit", StringComparison.Ordinal)).ToList();
        var timeouts = results.Count(p => p[1] == "timeout");
        var ok = results.Count(p => p[1] == "ok");
        output.WriteLine($"{version}: {count} programs (seed {seed}), accepted {accepted.Count} ({mutatedAccepted} of them mutated), rejected {rejected}, crashed {crashes.Count}; accepted ran ok {ok}, raised {results.Count(p => p[1] == "error")}, timed out {timeouts}");
        output.WriteLine("rejected by: " + string.Join(", ", byProblem.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(run.ExitCode == 0 && results.Count == accepted.Count, $"driver failed ({results.Count} of {accepted.Count} results): {run.StandardError}");
        Assert.True(
            crashes.Count == 0,
            $"{crashes.Count} accepted programs crashed {version}:\n" + string.Join("\n\n", crashes.Take(3).Select(c => $"{c[1]}:\n{accepted[int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture)].Listing}")));
        Assert.True(accepted.Count > count / 5 && rejected > 0, $"the generator should produce both: accepted {accepted.Count}, rejected {rejected}");
    }
}
