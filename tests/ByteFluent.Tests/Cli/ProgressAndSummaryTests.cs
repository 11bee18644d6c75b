using System.Text.RegularExpressions;
using ByteFluent.Cli.Console;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Cli;

/// <summary>The long commands off a terminal: plain progress lines on stderr and a per-version summary table on stdout.</summary>
public sealed class ProgressAndSummaryTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("bytefluent-progress-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void Off_a_terminal_progress_is_one_plain_line_per_tenth_from_many_threads()
    {
        var output = new StringWriter();
        using (var progress = new ProgressReporter("work", 37, output, terminal: false))
        {
            Parallel.For(0, 37, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => progress.Advance());
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^work: \d+/37 files \(\d+%\), \d+\.\d s$", l));
        Assert.DoesNotContain('\r', output.ToString());
        Assert.StartsWith("work: 37/37 files (100%), ", lines[^1], StringComparison.Ordinal);
        var percents = lines.Select(l => int.Parse(Regex.Match(l, @"\((\d+)%\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(percents.Order(), percents);
    }

    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place_and_cleared()
    {
        var output = new StringWriter();
        using (var progress = new ProgressReporter("work", 5, output, terminal: true))
        {
            for (var i = 0; i < 5; i++)
            {
                progress.Advance();
            }
        }

        var text = output.ToString();
        Assert.DoesNotContain('\n', text);
        Assert.Contains("\rwork [##############################] 5/5 100%", text, StringComparison.Ordinal);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Roundtrip_and_rewrite_end_with_a_table_per_version()
    {
        var pyc312 = Directory.CreateDirectory(Path.Combine(dir.FullName, "src", "a"));
        var pyc27 = Directory.CreateDirectory(Path.Combine(dir.FullName, "src", "b"));
        var from312 = Corpora.PycFiles("3.12").Take(6).ToList();
        var from27 = Corpora.PycFiles("2.7").Take(4).ToList();
        for (var i = 0; i < from312.Count; i++)
        {
            File.Copy(from312[i], Path.Combine(pyc312.FullName, $"m{i}.pyc"));
        }

        for (var i = 0; i < from27.Count; i++)
        {
            File.Copy(from27[i], Path.Combine(pyc27.FullName, $"m{i}.pyc"));
        }

        File.WriteAllBytes(Path.Combine(pyc27.FullName, "junk.pyc"), [1, 2, 3, 4, 5]);
        var src = Path.Combine(dir.FullName, "src");

        var (code, stdout, stderr) = CliRunner.Run("roundtrip", src);
        Assert.Equal(1, code);
        Assert.Matches(@"(?m)^version  files  identical  different  errors$", stdout);
        Assert.Matches(@"(?m)^2\.7 +4 +4 +0 +0$", stdout);
        Assert.Matches(@"(?m)^3\.12 +6 +6 +0 +0$", stdout);
        Assert.Matches(@"(?m)^\? +1 +0 +0 +1$", stdout);
        Assert.Matches(@"(?m)^total +11 +10 +0 +1$", stdout);
        Assert.Matches(@"(?m)^roundtrip: 11/11 files \(100%\), \d+\.\d s$", stderr);

        (code, stdout, stderr) = CliRunner.Run("roundtrip", pyc312.FullName, "--level", "code");
        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^version  files  code objects  identical  different  errors  +time$", stdout);
        var row = Regex.Match(stdout, @"(?m)^3\.12 +6 +(\d+) +(\d+) +0 +0 +\d+\.\d s$");
        Assert.True(row.Success, stdout);
        Assert.Equal(row.Groups[1].Value, row.Groups[2].Value);
        Assert.Contains("roundtrip: 6/6 files (100%)", stderr, StringComparison.Ordinal);

        (code, stdout, stderr) = CliRunner.Run("rewrite", src, Path.Combine(dir.FullName, "out"), "--transform", "identity");
        Assert.Equal(1, code);
        Assert.Matches(@"(?m)^version  files  code objects  changed  identical  failed$", stdout);
        // 2.7 keeps a few stack sizes CPython over-estimated (README), so identity may change a 2.7 file.
        var old = Regex.Match(stdout, @"(?m)^2\.7 +4 +\d+ +(\d+) +(\d+) +0$");
        Assert.True(old.Success, stdout);
        Assert.Equal(4, int.Parse(old.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(old.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"(?m)^3\.12 +6 +\d+ +0 +6 +0$", stdout);
        Assert.Matches(@"(?m)^\? +1 +0 +0 +0 +1$", stdout);
        Assert.Matches(@"(?m)^total +11 +\d+ +\d+ +\d+ +1$", stdout);
        Assert.Matches(@"(?m)^time: \d+\.\d s \(\d+ threads\)$", stdout);
        Assert.Matches(@"(?m)^rewrite: 11/11 files \(100%\), \d+\.\d s$", stderr);
        Assert.Contains("error: " + Path.Combine(src, "b", "junk.pyc"), stderr, StringComparison.Ordinal);
    }
}
