using System.Diagnostics;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// ByteFluent's in-process stages over the files in memory, each timed after a warm-up run on one thread:
/// <c>read</c> (<see cref="PycFile.Read(ReadOnlySpan{byte})"/>), <c>write</c> (<see cref="PycFile.ToBytes"/> of what was
/// read, following its layout), <c>decode</c> (<see cref="Code.FromCode(Marshal.PyCode, PythonVersion)"/> of every module,
/// nested code included) and <c>model</c>, the full round trip from bytes to bytes: read, FromCode, ToCode, write.
/// </summary>
internal static class ByteFluentStages
{
    public static IReadOnlyList<Measurement> Run(CorpusFiles corpus, int repeats, IReadOnlySet<string>? only = null)
    {
        var version = PythonVersion.Parse(corpus.Version);
        var blobs = corpus.Blobs;
        var parsed = blobs.Select(b => PycFile.Read(b)).ToArray();
        Measurement[] all =
        [
            Time("read", "PycFile.Read", repeats, () =>
            {
                foreach (var b in blobs)
                {
                    PycFile.Read(b);
                }

                return blobs.Length;
            }),
            Time("write", "PycFile.ToBytes (captured layout)", repeats, () =>
            {
                var same = 0;
                for (var i = 0; i < parsed.Length; i++)
                {
                    same += parsed[i].ToBytes().AsSpan().SequenceEqual(blobs[i]) ? 1 : 0;
                }

                return same;
            }),
            Time("decode", "Code.FromCode (every code object)", repeats, () =>
            {
                var n = 0L;
                foreach (var p in parsed)
                {
                    n += Code.FromCode(p.Code, version).CodeList.Count;
                }

                return n;
            }),
            Time("model", "read + FromCode + ToCode + write", repeats, () =>
            {
                var same = 0;
                foreach (var b in blobs)
                {
                    same += ModelRoundTrip(b, version).AsSpan().SequenceEqual(b) ? 1 : 0;
                }

                return same;
            }),
        ];
        return all;

        Measurement Time(string stage, string what, int repeats, Func<long> run) =>
            only is null || only.Contains(stage) ? ByteFluentStages.Time(stage, what, repeats, run) : new Measurement { Stage = stage, What = what, Missing = "not selected (--only)" };
    }

    /// <summary>The full model round trip of one file: bytes → model → bytes.</summary>
    public static byte[] ModelRoundTrip(byte[] data, PythonVersion version)
    {
        var pyc = PycFile.Read(data);
        var rebuilt = Code.FromCode(pyc.Code, version).ToCode(version);
        return (pyc with { Value = rebuilt }).ToBytes();
    }

    private static Measurement Time(string stage, string what, int repeats, Func<long> run)
    {
        run();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        PeakWorkingSet.Reset();
        var seconds = new List<double>();
        var cpu = new List<double>();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var allocated = 0L;
        var check = 0L;
        for (var r = 0; r < repeats; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            check = run();
            seconds.Add(clock.Elapsed.TotalSeconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuBefore).TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return new Measurement
        {
            Stage = stage,
            What = what,
            Seconds = seconds,
            CpuSeconds = cpu,
            AllocatedBytes = allocated,
            PeakWorkingSetBytes = PeakWorkingSet.Read(),
            Check = check,
        };
    }
}
