using System.Globalization;
using ByteFluent.Assembly;
using ByteFluent.Model;
using ByteFluent.TestSupport;
using ByteFluent.Tests.Cli;

namespace ByteFluent.Tests.Flow;

/// <summary>
/// <c>dis --stack</c>: the listing with the depth column compared with checked-in expected files, and the
/// per-instruction depths (<see cref="StackAnalysis"/>) compared with a walk by CPython's own <c>dis.stack_effect</c>
/// in each native interpreter. Set <c>BYTEFLUENT_UPDATE_EXPECTED=1</c> to rewrite the expected files.
/// </summary>
public sealed class DisStackTests
{
    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    public static TheoryData<string> Oracles => [.. Interpreters.NativeVersions.Where(v => v != "2.7")];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Dis_stack_of_the_sample_functions_matches_the_expected_listing(string version)
    {
        var text = new System.Text.StringBuilder();
        foreach (var name in new[] { "classify", "search" })
        {
            var (code, stdout, stderr) = CliRunner.Run("dis", FlowSamples.Pyc(version), "--code", name, "--stack", "--color", "never");
            Assert.True(code == 0, stderr);
            Assert.Contains("depth", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("stack problem", stdout, StringComparison.Ordinal);

            // The header names the file and its compile time; the rest is the same on every machine and run.
            text.Append(string.Join('\n', stdout.Split('\n').Where(l => !l.StartsWith("file:", StringComparison.Ordinal) && !l.StartsWith("header:", StringComparison.Ordinal))));
        }

        var expectedFile = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Flow", "Expected", $"dis-stack-{version}.txt");
        if (Environment.GetEnvironmentVariable("BYTEFLUENT_UPDATE_EXPECTED") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedFile)!);
            File.WriteAllText(expectedFile, text.ToString());
        }

        Assert.True(File.Exists(expectedFile), $"{expectedFile} is missing (BYTEFLUENT_UPDATE_EXPECTED=1 writes it)");
        Assert.Equal(File.ReadAllText(expectedFile), text.ToString());
    }

    [Theory]
    [MemberData(nameof(Oracles))]
    public void Per_instruction_depths_agree_with_a_walk_by_cpythons_dis_stack_effect(string version)
    {
        var module = FlowSamples.Module(version);
        var script = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Flow", "stack_effect_walk.py");
        foreach (var name in new[] { "classify", "search" })
        {
            var ours = StackAnalysis.Compute(FlowSamples.Function(module, name));
            Assert.Empty(ours.Problems);
            var byOffset = ours.Entries.Where(e => e.Item is Instr).ToDictionary(e => e.Offset);
            var lines = Interpreters.Get(version)
                .RunScript(script, [Path.Combine(FlowSamples.Folder(version), "sample.marshal"), name], [FlowSamples.Folder(version)])
                .EnsureSuccess("the dis.stack_effect walk").Trim().Split('\n');
            // 3.6 and 3.7: CPython's stack_effect gives POP_EXCEPT no effect (the interpreter pops the three saved
            // exception items from the block stack), so its walk grows around a loop with a handler and reaches an
            // instruction with several depths; and it walks on past an END_FINALLY that always re-raises. Those
            // instructions are left out there. 3.8's END_FINALLY re-raises the same way (its walk goes on past it to
            // code the interpreter never reaches); otherwise from 3.8 every instruction must agree.
            var lenient = version is "3.6" or "3.7";
            var pastReraise = lenient || version == "3.8";
            int compared = 0, skipped = 0;
            foreach (var line in lines)
            {
                var parts = line.Trim().Split(' ');
                var offset = int.Parse(parts[0], CultureInfo.InvariantCulture);
                if (parts[1] is "EXTENDED_ARG" or "CACHE" || !byOffset.TryGetValue(offset, out var entry))
                {
                    continue;
                }

                var theirs = parts[2] == "-" ? null : parts[2].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                if ((lenient && theirs is { Length: > 1 }) || (pastReraise && theirs is not null && entry.DepthBefore is null))
                {
                    skipped++;
                    continue;
                }

                Assert.True(
                    theirs is null ? entry.DepthBefore is null : theirs.Length == 1 && theirs[0] == entry.DepthBefore,
                    $"{version} {name} offset {offset} {parts[1]}: CPython's walk {parts[2]}, ours {entry.DepthBefore?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
                compared++;
            }

            Assert.Equal(byOffset.Count, compared + skipped);
            if (name == "search")
            {
                Assert.Equal(0, skipped); // no handler: every instruction agrees in every version
            }
        }
    }
}
