using BenchmarkDotNet.Attributes;
using ByteFluent.Pyc;

namespace ByteFluent.Benchmarks;

/// <summary>Reading and writing whole .pyc files (header and marshal data) for an old and a new format.</summary>
[MemoryDiagnoser]
public class MarshalBenchmarks
{
    private byte[][] files = [];
    private PycFile[] parsed = [];

    /// <summary>The version whose stdlib is read.</summary>
    [Params("2.7", "3.12")]
    public string Version { get; set; } = "3.12";

    /// <summary>Loads the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        files = BenchmarkInputs.LargestFiles(Version);
        parsed = BenchmarkInputs.Parse(files);
    }

    /// <summary>Parses the files.</summary>
    [Benchmark]
    public int Read()
    {
        var n = 0;
        foreach (var f in files)
        {
            n += PycFile.Read(f).Header.Size;
        }

        return n;
    }

    /// <summary>Writes the parsed files back (following the captured layout, so byte-identical).</summary>
    [Benchmark]
    public int Write()
    {
        var n = 0;
        foreach (var p in parsed)
        {
            n += p.ToBytes().Length;
        }

        return n;
    }
}
