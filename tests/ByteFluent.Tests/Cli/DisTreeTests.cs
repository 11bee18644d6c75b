using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Cli;

/// <summary><c>bytefluent dis FOLDER</c>: every .pyc under the folder, in path order, exactly as one <c>dis FILE</c> each.</summary>
public sealed class DisTreeTests
{
    [Fact]
    public void A_folder_lists_every_file_in_path_order_like_one_dis_each()
    {
        var folder = Path.Combine(Interpreters.NativeStdlib("3.12"), "json");
        var files = Directory.EnumerateFiles(folder, "*.pyc", SearchOption.AllDirectories).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 3);

        var tree = CliRunner.Run("dis", "--color", "never", folder);

        Assert.Equal(0, tree.Code);
        Assert.Equal(string.Concat(files.Select(f => CliRunner.Run("dis", "--color", "never", f).Out)), tree.Out);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_reported_and_the_others_are_listed()
    {
        var dir = Directory.CreateTempSubdirectory("bf-dis-tree-");
        try
        {
            var good = Corpora.PycFiles("3.12")[0];
            File.Copy(good, Path.Combine(dir.FullName, "a.pyc"));
            File.WriteAllBytes(Path.Combine(dir.FullName, "b.pyc"), [1, 2, 3]);
            File.Copy(good, Path.Combine(dir.FullName, "c.pyc"));

            var (code, output, error) = CliRunner.Run("dis", "--color", "never", dir.FullName);

            Assert.Equal(3, code);
            Assert.Contains("b.pyc", error, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(dir.FullName, "a.pyc"), output, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(dir.FullName, "c.pyc"), output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
