using ByteFluent.Pyc;
using ByteFluent.Samples;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Samples;

/// <summary>
/// Builds every sample for a version, runs the .pyc files in that version's real interpreter (one process per
/// version), and checks that each prints exactly what its oracle (the same program as source) prints there.
/// </summary>
public sealed class SampleRunTests
{
    public static TheoryRows Versions => Interpreters.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public void Samples_print_what_their_oracle_prints(string version)
    {
        var v = PythonVersion.Parse(version);
        var folder = Path.Combine(RepositoryPaths.BuildCache("samples"), version);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var samples = SampleCatalog.For(v).ToList();
        Assert.Contains(samples, s => s.Name == "hello_world");
        var python = Interpreters.Get(version);
        var inputs = Path.Combine(folder, "inputs");
        Directory.CreateDirectory(inputs);
        foreach (var sample in samples.Where(s => s.Input is not null))
        {
            File.WriteAllText(Path.Combine(inputs, sample.Name + ".py"), sample.Input);
        }

        python.RunScript(Path.Combine(RepositoryPaths.Root, "samples", "compile_inputs.py"), [inputs], [inputs]).EnsureSuccess("compile_inputs.py");
        foreach (var sample in samples)
        {
            var input = sample.Input is null ? null : PycFile.Load(Path.Combine(inputs, sample.Name + ".pyc"));
            PycFile.Create(sample.Build(v, input), v).Save(Path.Combine(folder, sample.Name + ".pyc"));
            File.WriteAllText(Path.Combine(folder, sample.Name + ".py"), sample.Oracle);
        }

        var runner = Path.Combine(RepositoryPaths.Root, "samples", "run_samples.py");
        var output = python.RunScript(runner, [folder], [folder]).EnsureSuccess("run_samples.py");
        var sections = Sections(output);
        foreach (var sample in samples)
        {
            var built = sections[sample.Name + ".pyc"];
            var oracle = sections[sample.Name + ".py"];
            Assert.False(string.IsNullOrWhiteSpace(oracle), $"{sample.Name}: the oracle printed nothing");
            Assert.DoesNotContain("!!!", oracle, StringComparison.Ordinal);
            Assert.True(oracle == built, $"{sample.Name} on {version}:\n--- oracle\n{oracle}\n--- built\n{built}");
        }
    }

    private static Dictionary<string, string> Sections(string output)
    {
        var result = new Dictionary<string, string>();
        string? current = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    result[current] = text.ToString();
                }

                current = line[4..];
                text.Clear();
            }
            else if (current is not null && line.Length > 0)
            {
                text.Append(line).Append('\n');
            }
        }

        if (current is not null)
        {
            result[current] = text.ToString();
        }

        return result;
    }
}
