using System.Collections.Concurrent;
using System.Diagnostics;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Pyc;

/// <summary>Every .pyc of every version's corpus reads and writes back byte-identically.</summary>
public sealed class CorpusRoundtripTests(ITestOutputHelper output)
{
    /// <summary>The versions, as theory rows.</summary>
    public static TheoryRows Versions => Interpreters.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public void EveryPycOfTheCorpusRoundTripsByteIdentically(string version)
    {
        var files = Corpora.PycFiles(version);
        var watch = Stopwatch.StartNew();
        var failures = new ConcurrentBag<string>();
        long identical = 0, bytes = 0, codeObjects = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            var original = File.ReadAllBytes(path);
            Interlocked.Add(ref bytes, original.Length);
            try
            {
                var pyc = PycFile.Read(original);
                Assert.Equal(version, pyc.Header.Version.ToString());
                Interlocked.Add(ref codeObjects, pyc.Code.SelfAndDescendants().Count());
                var written = pyc.ToBytes();
                var diff = original.AsSpan().CommonPrefixLength(written);
                if (diff == original.Length && written.Length == original.Length)
                {
                    Interlocked.Increment(ref identical);
                }
                else
                {
                    failures.Add($"{path}: first difference at offset {diff} (original {original.Length} bytes, written {written.Length})");
                }
            }
            catch (PycFormatException e)
            {
                failures.Add($"{path}: {e.Message}");
            }
        });

        output.WriteLine($"Python {version}: {files.Count} files ({bytes / 1024 / 1024} MiB, {codeObjects} code objects), "
            + $"{identical} byte-identical, {failures.Count} not, in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var f in failures.Take(20))
        {
            output.WriteLine(f);
        }

        Assert.True(files.Count > 1000, $"the corpus of {version} has only {files.Count} files");
        Assert.Empty(failures);
        Assert.Equal(files.Count, identical);
    }
}
