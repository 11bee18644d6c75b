using System.Diagnostics;
using System.Globalization;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Hostile;

/// <summary>
/// Mutated standard-library files of every version through the CLI — truncations, byte flips, length fields set to
/// 0x7fffffff — with `dis`, `dis --strict`, `dis --format asm` and `diff`: no stack trace, no hang, no internal error,
/// only documented exit codes. A seeded sample (BYTEFLUENT_MUTATION_SEED, default 13; BYTEFLUENT_MUTATION_FILES files
/// per version, default 3) keeps it to about a minute; raise the count for a longer run.
/// </summary>
public sealed class CliMutationTests
{
    private static readonly byte[] LengthTypes = [(byte)'s', (byte)'u', (byte)'a', (byte)'A', (byte)'t', (byte)'(', (byte)'[', (byte)'<', (byte)'>', (byte)'l'];

    public static TheoryData<string> Versions => new(Interpreters.SupportedVersions);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Mutated_stdlib_files_never_crash_hang_or_leave_the_documented_exit_codes(string version)
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("BYTEFLUENT_MUTATION_SEED") ?? "13", CultureInfo.InvariantCulture);
        var perVersion = int.Parse(Environment.GetEnvironmentVariable("BYTEFLUENT_MUTATION_FILES") ?? "3", CultureInfo.InvariantCulture);
        var random = new Random(seed ^ version.GetHashCode(StringComparison.Ordinal));
        var small = Corpora.PycFiles(version).Where(f => new FileInfo(f).Length is > 600 and < 24_000).ToList();
        Assert.NotEmpty(small);
        var dir = Directory.CreateTempSubdirectory("bytefluent-mutation-");
        var failures = new List<string>();
        var runs = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            for (var n = 0; n < perVersion; n++)
            {
                var original = small[random.Next(small.Count)];
                var data = File.ReadAllBytes(original);
                foreach (var (kind, mutant) in Mutants(data, random))
                {
                    var path = Path.Combine(dir.FullName, $"{Path.GetFileNameWithoutExtension(original)}-{kind}.pyc");
                    File.WriteAllBytes(path, mutant);
                    string[][] commands = [["dis", path], ["dis", path, "--strict"], ["dis", path, "--format", "asm"], ["diff", original, path]];
                    foreach (var args in commands)
                    {
                        runs++;
                        try
                        {
                            var (code, _, stderr) = HostileCli.Run(TimeSpan.FromSeconds(60), args);
                            if (HostileCli.Violation(code, stderr) is { } v)
                            {
                                failures.Add($"{string.Join(' ', args)} ({original}): {v}");
                                File.Copy(path, Path.Combine(Path.GetTempPath(), "bytefluent-mutation-failure-" + Path.GetFileName(path)), overwrite: true);
                            }
                        }
                        catch (TimeoutException e)
                        {
                            failures.Add($"{original} {kind}: {e.Message}");
                        }
                    }
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {runs} runs broke the contract in {clock.Elapsed.TotalSeconds:F0} s:\n" + string.Join('\n', failures.Take(20)));
    }

    /// <summary>Truncations, byte flips and length fields set to 0x7fffffff, at random places after the header.</summary>
    private static IEnumerable<(string Kind, byte[] Data)> Mutants(byte[] data, Random random)
    {
        const int header = 8;
        for (var i = 0; i < 3; i++)
        {
            var cut = random.Next(header, data.Length);
            yield return ($"cut{cut}", data[..cut]);
        }

        for (var i = 0; i < 4; i++)
        {
            var copy = (byte[])data.Clone();
            var flips = random.Next(1, 4);
            var at = 0;
            for (var k = 0; k < flips; k++)
            {
                at = random.Next(header, copy.Length);
                copy[at] ^= (byte)random.Next(1, 256);
            }

            yield return ($"flip{at}", copy);
        }

        var lengths = new List<int>();
        for (var i = header; i + 5 <= data.Length; i++)
        {
            if (LengthTypes.Contains((byte)(data[i] & 0x7F)))
            {
                lengths.Add(i + 1);
            }
        }

        for (var i = 0; i < 3 && lengths.Count > 0; i++)
        {
            var copy = (byte[])data.Clone();
            var at = lengths[random.Next(lengths.Count)];
            copy[at] = 0xFF;
            copy[at + 1] = 0xFF;
            copy[at + 2] = 0xFF;
            copy[at + 3] = 0x7F;
            yield return ($"len{at}", copy);
        }
    }
}
