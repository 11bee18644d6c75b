using System.Text;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Hostile;

/// <summary>
/// The malformed-file corpus (Hostile/Malformed/cases, written by make_cases.py from seeds the real interpreters
/// compiled): `bytefluent dis` on each file gives exactly the exit code, error line or tolerant listing with its
/// warnings recorded in Hostile/Malformed/expected/NAME.txt. BYTEFLUENT_MALFORMED_REGENERATE=1 rewrites those.
/// </summary>
public sealed class MalformedCorpusTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Hostile", "Malformed");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Folder, "cases")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_150_files_over_every_pyenv_version()
    {
        var names = Directory.GetFiles(Path.Combine(Folder, "cases")).Select(Path.GetFileName).OfType<string>().ToList();
        Assert.True(names.Count >= 150, $"{names.Count} cases");
        foreach (var v in new[] { "2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13" })
        {
            Assert.True(names.Count(n => n.StartsWith(v + "-", StringComparison.Ordinal)) >= 15, v);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dis_gives_the_expected_error_or_tolerant_listing(string name)
    {
        var path = Path.Combine(Folder, "cases", name);
        var (code, stdout, stderr) = HostileCli.Run(TimeSpan.FromSeconds(30), "dis", path, "--color", "never");
        Assert.Null(HostileCli.Violation(code, stderr));
        Assert.Contains(code, new[] { 0, 3 });
        var actual = Record(code, stdout.Replace(path, name, StringComparison.Ordinal), stderr.Replace(path, name, StringComparison.Ordinal));
        var expectedPath = Path.Combine(Folder, "expected", Path.ChangeExtension(name, ".txt"));
        if (Environment.GetEnvironmentVariable("BYTEFLUENT_MALFORMED_REGENERATE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), $"no expected file {expectedPath}");
        Assert.Equal(File.ReadAllText(expectedPath), actual);

        // Errors are one line naming the file and the offset; warnings one line per problem.
        foreach (var line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith(path + ": ", line, StringComparison.Ordinal);
        }

        if (code == 3)
        {
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches(@": (offset \d+|code object [^:]+): ", stderr);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strict_refuses_what_the_tolerant_listing_warns_about(string name)
    {
        var path = Path.Combine(Folder, "cases", name);
        var (code, _, stderr) = HostileCli.Run(TimeSpan.FromSeconds(30), "dis", path, "--strict");
        Assert.Null(HostileCli.Violation(code, stderr));
        var (tolerantCode, _, tolerantErr) = HostileCli.Run(TimeSpan.FromSeconds(30), "dis", path);
        var warned = tolerantErr.Contains(": warning: ", StringComparison.Ordinal);
        Assert.Equal(tolerantCode == 3 || warned ? 3 : 0, code);
        Assert.DoesNotContain(": warning: ", stderr, StringComparison.Ordinal);
    }

    private static string Record(int code, string stdout, string stderr)
    {
        var sb = new StringBuilder();
        sb.Append("exit ").Append(code).Append('\n');
        sb.Append("--- stderr\n").Append(stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
        sb.Append("--- stdout\n").Append(stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        return sb.ToString();
    }
}
