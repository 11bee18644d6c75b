using System.Diagnostics;
using ByteFluent.Fuzz;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Hostile;

/// <summary>
/// Every input a fuzzing campaign (tools/fuzz/run.sh) found failing, minimised and kept under Hostile/crashes/TARGET,
/// now runs through its target without an undocumented exception and in bounded time.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Hostile", "crashes");

    public static TheoryData<string, string> Crashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.GetDirectories(Folder).Order(StringComparer.Ordinal))
        {
            foreach (var f in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(dir), Path.GetFileName(f));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Crashes))]
    public void A_kept_crash_runs_clean(string target, string file)
    {
        var data = File.ReadAllBytes(Path.Combine(Folder, target, file));
        var clock = Stopwatch.StartNew();
        FuzzTargets.All[target](data);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Every_target_runs_on_empty_and_tiny_inputs()
    {
        foreach (var (name, target) in FuzzTargets.All)
        {
            foreach (var input in new byte[][] { [], [0], [0xe3], [0x55, 0x0d, 0x0d, 0x0a] })
            {
                target(input);
            }

            Assert.NotEmpty(name);
        }
    }
}
