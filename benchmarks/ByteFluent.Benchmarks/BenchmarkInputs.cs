using ByteFluent.Pyc;
using ByteFluent.TestSupport;

namespace ByteFluent.Benchmarks;

/// <summary>
/// The fixed inputs of the micro-benchmarks: the largest modules of one version's standard library, so that the
/// numbers are comparable from run to run on the same machine (the corpus is the interpreter's own compiled stdlib).
/// </summary>
internal static class BenchmarkInputs
{
    /// <summary>How many of the largest files the micro-benchmarks use.</summary>
    public const int FileCount = 8;

    /// <summary>The bytes of the <see cref="FileCount"/> largest non-test .pyc files of <paramref name="version"/>.</summary>
    public static byte[][] LargestFiles(string version) => Corpora.PycFiles(version)
        .Where(f => !f.Contains("/test/", StringComparison.Ordinal))
        .Select(f => (Path: f, Size: new FileInfo(f).Length))
        .OrderByDescending(f => f.Size)
        .ThenBy(f => f.Path, StringComparer.Ordinal)
        .Take(FileCount)
        .Select(f => File.ReadAllBytes(f.Path))
        .ToArray();

    /// <summary>The parsed files.</summary>
    public static PycFile[] Parse(IEnumerable<byte[]> files) => files.Select(b => PycFile.Read(b)).ToArray();
}
