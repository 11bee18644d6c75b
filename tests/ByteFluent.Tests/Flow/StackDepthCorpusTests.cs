using System.Collections.Concurrent;
using System.Globalization;
using ByteFluent.Assembly;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Flow;

/// <summary>
/// The per-instruction depths of <see cref="StackAnalysis"/> against the stack size ByteFluent computes the way the
/// version's compiler does (<see cref="Code.ComputeStackSize"/>, which equals CPython's <c>co_stacksize</c> on the
/// corpora but for the objects listed in docs/fidelity), for every code object of every corpus: the largest depth
/// before or after any instruction never exceeds it (the interpreter never needs more than the code declares), and
/// where it is smaller the reason is one of the compiler's known over-counts (<see cref="PerInstructionDepth.Reason"/>);
/// the figures are printed. This runs on a seeded sample of 60 files per version (<c>BYTEFLUENT_STACK_FILES=N</c>
/// for N, 0 for all); every code object of every corpus gets the same check inside <see cref="Model.CodeFidelityTests"/>.
/// </summary>
public sealed class StackDepthCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_largest_per_instruction_depth_is_the_computed_stack_size_or_a_known_compiler_over_count(string version)
    {
        var v = PythonVersion.Parse(version);
        var files = Sample(version);
        int objects = 0, equal = 0, errors = 0;
        var lower = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var higher = new ConcurrentBag<string>();
        var unexplained = new ConcurrentBag<string>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            foreach (var co in PycFile.Load(file).Code.SelfAndDescendants())
            {
                Interlocked.Increment(ref objects);
                var where = $"{Path.GetFileName(file)}:{(co.QualName ?? co.Name).Value}:{co.FirstLineNo}";
                try
                {
                    var model = Code.FromCode(co, v, nested: false);
                    var computed = model.ComputeStackSize();
                    var max = PerInstructionDepth.Maximum(model);
                    if (max == computed)
                    {
                        Interlocked.Increment(ref equal);
                    }
                    else if (max > computed)
                    {
                        higher.Add($"{where}: per-instruction maximum {max}, computed {computed}");
                    }
                    else
                    {
                        var reason = PerInstructionDepth.Reason(model, max, computed);
                        lower.AddOrUpdate(reason ?? "unexplained", 1, (_, n) => n + 1);
                        if (reason is null)
                        {
                            unexplained.Add($"{where}: per-instruction maximum {max}, computed {computed}");
                        }
                    }
                }
                catch (Exception e) when (e is InvalidCodeException or StackDepthException)
                {
                    Interlocked.Increment(ref errors);
                    unexplained.Add($"{where}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }
            }
        });

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{version}: {files.Count} files, {objects} code objects, per-instruction maximum = computed stack size for {equal} ({100.0 * equal / Math.Max(1, objects):F3}%), above {higher.Count}, errors {errors}; below: {string.Join(", ", lower.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}"));
        foreach (var line in unexplained.Order(StringComparer.Ordinal).Take(40))
        {
            output.WriteLine("  " + line);
        }

        Assert.True(objects > 100, $"only {objects} code objects");
        Assert.True(higher.IsEmpty, "the interpreter would need more than the computed stack size:\n" + string.Join("\n", higher.Take(20)));
        Assert.True(unexplained.IsEmpty, "below the computed stack size without a known reason:\n" + string.Join("\n", unexplained.Order(StringComparer.Ordinal).Take(20)));
    }

    private static IReadOnlyList<string> Sample(string version)
    {
        var all = Corpora.PycFiles(version);
        var n = int.TryParse(Environment.GetEnvironmentVariable("BYTEFLUENT_STACK_FILES"), CultureInfo.InvariantCulture, out var set) ? set : 60;
        if (n <= 0 || n >= all.Count)
        {
            return all;
        }

        var root = Corpora.Folder(version);
        return all.OrderBy(f => StableHash(Path.GetRelativePath(root, f))).Take(n).ToList();
    }

    internal static int StableHash(string path)
    {
        var h = 17;
        foreach (var c in path)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }
}
