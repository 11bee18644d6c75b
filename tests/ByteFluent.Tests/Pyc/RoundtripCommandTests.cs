using System.Text.Json;
using ByteFluent.Cli;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Pyc;

/// <summary><c>bytefluent roundtrip --level file</c>.</summary>
public sealed class RoundtripCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("bytefluent-roundtrip-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void JsonReportsEveryFileOfAFolderTreeAsIdentical()
    {
        var source = Path.Combine(Interpreters.NativeStdlib("3.12"), "json", "__pycache__");
        var nested = Directory.CreateDirectory(Path.Combine(dir.FullName, "a", "b"));
        var files = Directory.GetFiles(source, "*.pyc");
        foreach (var f in files)
        {
            File.Copy(f, Path.Combine(nested.FullName, Path.GetFileName(f)));
        }

        File.Copy(Corpora.PycFiles("2.7")[0], Path.Combine(dir.FullName, "old.pyc"));
        var (code, stdout, _) = Run("roundtrip", dir.FullName, "--level", "file", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["level", "files", "identical", "different", "errors", "samples"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("file", root.GetProperty("level").GetString());
        Assert.Equal(files.Length + 1, root.GetProperty("files").GetInt32());
        Assert.Equal(files.Length + 1, root.GetProperty("identical").GetInt32());
        Assert.Equal(0, root.GetProperty("different").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        Assert.Equal(0, root.GetProperty("samples").GetArrayLength());
    }

    [Fact]
    public void ErrorsAndDifferencesAreReportedWithFileAndOffsetAndExitCodeOne()
    {
        var good = Path.Combine(dir.FullName, "good.pyc");
        File.Copy(Corpora.PycFiles("3.12")[0], good);
        File.WriteAllBytes(Path.Combine(dir.FullName, "bad.pyc"), [0x42, 0x42, 0x0d, 0x0a, 0, 0, 0, 0]);

        File.WriteAllBytes(Path.Combine(dir.FullName, "trunc.pyc"), File.ReadAllBytes(good)[..40]);
        var (code, stdout, _) = Run("roundtrip", dir.FullName, "--json");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("files").GetInt32());
        Assert.Equal(1, root.GetProperty("identical").GetInt32());
        Assert.Equal(2, root.GetProperty("errors").GetInt32());
        var samples = root.GetProperty("samples").EnumerateArray().ToList();
        Assert.Contains(samples, s => s.GetProperty("file").GetString()!.EndsWith("bad.pyc", StringComparison.Ordinal)
            && s.GetProperty("message").GetString()!.Contains("unknown magic number 16962", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.GetProperty("file").GetString()!.EndsWith("trunc.pyc", StringComparison.Ordinal)
            && s.GetProperty("kind").GetString() == "error");

        var (textCode, text, _) = Run("roundtrip", dir.FullName);
        Assert.Equal(1, textCode);
        Assert.Contains("identical  1", text, StringComparison.Ordinal);
        Assert.Contains("errors     2", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("code")]
    public void A_tree_mixing_PyPy_and_CPython_files_gets_one_row_per_version_in_version_order(string level)
    {
        // PyPy groups are named "pypy2.7": ordering the per-version rows once parsed them as numbers and crashed.
        string[] expected = ["2.7", "pypy2.7", "3.6", "pypy3.6", "3.12"];
        File.Copy(SharedCorpora.PycFiles.First(f => SharedCorpora.Relative(f).Contains("bytecode_pypy2.7/", StringComparison.Ordinal)), Path.Combine(dir.FullName, "p27.pyc"));
        File.Copy(SharedCorpora.PycFiles.First(f => SharedCorpora.Relative(f).Contains("bytecode_pypy3.6/", StringComparison.Ordinal)), Path.Combine(dir.FullName, "p36.pyc"));
        File.Copy(Corpora.PycFiles("2.7")[0], Path.Combine(dir.FullName, "c27.pyc"));
        File.Copy(Corpora.PycFiles("3.6")[0], Path.Combine(dir.FullName, "c36.pyc"));
        File.Copy(Corpora.PycFiles("3.12")[0], Path.Combine(dir.FullName, "c312.pyc"));
        var (code, text, stderr) = Run("roundtrip", dir.FullName, "--level", level);
        Assert.True(code == 0, stderr + text);
        var rows = text.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .Where(first => first is not null && expected.Contains(first)).ToList();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        Assert.Equal(2, Run("roundtrip").Code);
        Assert.Equal(2, Run("roundtrip", dir.FullName, "--level", "nonsense").Code);
        Assert.Equal(2, Run("roundtrip", Path.Combine(dir.FullName, "missing")).Code);
        Assert.Equal(1, Run("roundtrip", dir.FullName).Code);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
