using System.Collections.Concurrent;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Pyc;

/// <summary>
/// Writing the corpus's values afresh (without the layout captured at read time) follows CPython's
/// reference rules closely enough that the output is as compact as CPython's, reads back as the same value,
/// and is often byte-identical.
/// </summary>
public sealed class FreshWriteCompactnessTests(ITestOutputHelper output)
{
    /// <summary>The versions, as theory rows.</summary>
    public static TheoryRows Versions => Interpreters.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public void FreshlyWrittenCorpusIsAsCompactAsCPythonAndReadsBackEqual(string version)
    {
        var files = Corpora.PycFiles(version);
        long original = 0, fresh = 0, identical = 0;
        var unequal = new ConcurrentBag<string>();
        var sample = files.Where((_, i) => i % 3 == 0).ToArray();
        Parallel.ForEach(sample, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            var bytes = File.ReadAllBytes(path);
            var pyc = PycFile.Read(bytes);
            var rewritten = (pyc with { Layout = null }).ToBytes();
            Interlocked.Add(ref original, bytes.Length);
            Interlocked.Add(ref fresh, rewritten.Length);
            if (rewritten.AsSpan().SequenceEqual(bytes))
            {
                Interlocked.Increment(ref identical);
            }

            var back = PycFile.Read(rewritten);
            if (!PyEquality.Strict(back.Value, pyc.Value))
            {
                unequal.Add(path);
            }
        });

        var ratio = (double)fresh / original;
        output.WriteLine($"Python {version}: {sample.Length} files, CPython {original} bytes, ByteFluent fresh {fresh} bytes "
            + $"(ratio {ratio:F4}), {identical} byte-identical without layout");
        Assert.Empty(unequal);
        // CPython's choices depend on reference counts no file records, so "as compact" allows 0.1%.
        Assert.True(ratio <= 1.001, $"fresh output is {ratio:P2} of CPython's size");
    }
}
