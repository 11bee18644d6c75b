using System.Security.Cryptography;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Transforms;

namespace ByteFluent.Tests.Transforms;

/// <summary>Rewriting a tree: the layout is kept, the source is never touched, failures are reported, not written.</summary>
public sealed class PycRewriterTests
{
    private static string Hash(string dir) => Convert.ToHexString(SHA256.HashData(
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(dir, f)).Concat(File.ReadAllBytes(f))).ToArray()));

    [Fact]
    public void ATreeIsRewrittenWithItsLayoutAndTheSourceIsLeftAlone()
    {
        var samples = TransformSamples.For("3.12");
        var root = RepositoryPaths.BuildCache(Path.Combine("transform-tests", "tree"));
        Directory.Delete(root, recursive: true);
        var src = Path.Combine(root, "src");
        var pkg = Path.Combine(src, "pkg", "__pycache__");
        Directory.CreateDirectory(pkg);
        File.Copy(Path.Combine(samples.Work, "original", "sample3.pyc"), Path.Combine(src, "top.pyc"));
        File.Copy(Path.Combine(samples.Work, "original", "sample311.pyc"), Path.Combine(pkg, "mod.cpython-312.pyc"));
        File.WriteAllText(Path.Combine(src, "notes.txt"), "not a module");
        File.WriteAllBytes(Path.Combine(src, "broken.pyc"), [0xCB, 0x0D, 0x0D, 0x0A, 1, 2, 3]);
        var before = Hash(src);
        var reports = new List<RewriteProgress>();
        var outDir = Path.Combine(root, "out");

        var summary = PycRewriter.RewriteTree(src, outDir, new NopsTransform(), new RewriteOptions { MaxDegreeOfParallelism = 1, Progress = new Collect(reports) });

        Assert.Equal(before, Hash(src));
        Assert.Equal(3, summary.Files);
        Assert.Equal(2, summary.Changed);
        Assert.Single(summary.Failures);
        Assert.EndsWith("broken.pyc", summary.Failures[0].Path, StringComparison.Ordinal);
        Assert.Equal(3, reports.Count);
        Assert.True(File.Exists(Path.Combine(outDir, "top.pyc")));
        Assert.True(File.Exists(Path.Combine(outDir, "pkg", "__pycache__", "mod.cpython-312.pyc")));
        Assert.False(File.Exists(Path.Combine(outDir, "broken.pyc")));
        Assert.False(File.Exists(Path.Combine(outDir, "notes.txt")));
        var rewritten = PycFile.Load(Path.Combine(outDir, "top.pyc"));
        Assert.Equal(samples.Originals["sample3"].Header, rewritten.Header);
        Assert.Equal(samples.Of("nops")["sample3"].Code, rewritten.Code);
    }

    [Fact]
    public void TheOutputMayNotBeTheSourceOrInsideIt()
    {
        var root = RepositoryPaths.BuildCache(Path.Combine("transform-tests", "refuse"));
        Assert.Throws<ArgumentException>(() => PycRewriter.RewriteTree(root, root, new IdentityTransform()));
        Assert.Throws<ArgumentException>(() => PycRewriter.RewriteTree(root, Path.Combine(root, "out"), new IdentityTransform()));
        var file = Path.Combine(root, "x.pyc");
        File.WriteAllBytes(file, [1]);
        Assert.Throws<ArgumentException>(() => PycRewriter.RewriteFile(file, file, new IdentityTransform()));
        Assert.Equal([1], File.ReadAllBytes(file));
    }

    [Fact]
    public void UnknownTransformNamesAreRejectedWithTheKnownOnes()
    {
        var e = Assert.Throws<UnknownTransformException>(() => CodeTransforms.Get("shuffle"));
        Assert.Contains("nops", e.Message, StringComparison.Ordinal);
        Assert.Equal(["identity", "nops", "reorder-consts", "split-blocks"], CodeTransforms.Names);
    }

    private sealed class Collect(List<RewriteProgress> into) : IProgress<RewriteProgress>
    {
        public void Report(RewriteProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
