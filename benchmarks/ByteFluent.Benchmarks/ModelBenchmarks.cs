using BenchmarkDotNet.Attributes;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Benchmarks;

/// <summary>The code model: disassembling into <see cref="Code"/>, assembling back, and printing listings.</summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private PycFile[] parsed = [];
    private Code[] models = [];
    private PythonVersion version;

    /// <summary>The version: 2.7's byte code, 3.10's linetable, 3.12's caches and exception table.</summary>
    [Params("2.7", "3.10", "3.12")]
    public string Version { get; set; } = "3.12";

    /// <summary>Loads and disassembles the inputs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        version = PythonVersion.Parse(Version);
        parsed = BenchmarkInputs.Parse(BenchmarkInputs.LargestFiles(Version));
        models = parsed.Select(p => Code.FromCode(p.Code, version)).ToArray();
    }

    /// <summary><see cref="Code.FromCode(Marshal.PyCode, PythonVersion)"/> of each module, nested code included.</summary>
    [Benchmark]
    public int FromCode()
    {
        var n = 0;
        foreach (var p in parsed)
        {
            n += Code.FromCode(p.Code, version).CodeList.Count;
        }

        return n;
    }

    /// <summary><see cref="Code.ToCode"/> of each module: labels, EXTENDED_ARG, tables, line and exception tables, depth.</summary>
    [Benchmark]
    public int ToCode()
    {
        var n = 0;
        foreach (var m in models)
        {
            n += m.ToCode().StackSize;
        }

        return n;
    }

    /// <summary>byteplay-style listings of each module's top-level code.</summary>
    [Benchmark]
    public int Listing()
    {
        var n = 0;
        foreach (var m in models)
        {
            n += m.CodeList.ToString().Length;
        }

        return n;
    }
}
