using ByteFluent.Benchmarks.Corpus;

namespace ByteFluent.Tests.Benchmarks;

/// <summary>
/// The corpus benchmark (benchmarks/ByteFluent.Benchmarks <c>corpus</c>) on a few files of two corpora, once each: every
/// stage runs, in process and as whole processes, and ByteFluent's outputs are the input bytes again. No timing is
/// asserted; the timings themselves are for the README's table (measured by the full command).
/// </summary>
public sealed class CorpusBenchmarkSmokeTests
{
    private static readonly string[] InProcess = ["read", "write", "decode", "model", "loads", "dumps", "dis"];

    private static readonly string[] WholeProcess =
        ["process marshal", "process roundtrip file", "process roundtrip code", "process dis", "process roundtrip code 1 core"];

    [Theory]
    [InlineData("3.11")] // the bytecode library runs here (Debian's python3-bytecode for the system 3.11: same magic)
    [InlineData("2.7")] // marshal version 2, and dis.disassemble instead of get_instructions
    public void Every_stage_runs_and_gives_back_identical_files(string version)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "ByteFluent.Cli");
        var options = CorpusOptions.Parse(
            ["--version", version, "--files", "6", "--repeats", "1", "--slow-repeats", "1", "--cli-repeats", "1", "--cli", cli],
            TextWriter.Null)!;
        var r = CorpusBenchmark.Measure(version, options, TextWriter.Null);

        Assert.Equal(6, r.Files);
        Assert.True(r.CodeObjects > 6);
        Assert.Equal(r.CodeObjects, r.PythonCodeObjects);
        foreach (var stage in InProcess.Concat(WholeProcess))
        {
            var m = r.Find(stage);
            Assert.True(m is { Ran: true }, $"{stage}: {m?.Missing ?? "not measured"}");
            Assert.All(m!.Seconds, s => Assert.True(s > 0, stage));
        }

        // What each stage made: the same files, byte for byte, and the same code objects on both sides.
        Assert.Equal(r.Files, r.Find("read")!.Check);
        Assert.Equal(r.Files, r.Find("write")!.Check);
        Assert.Equal(r.Files, r.Find("model")!.Check);
        Assert.Equal(r.Files, r.Find("loads")!.Check);
        Assert.True(r.Find("decode")!.Check > r.CodeObjects);
        Assert.True(r.Find("dis")!.Check > 0);
        Assert.True(r.Find("model")!.AllocatedBytes > 0);
        foreach (var stage in WholeProcess)
        {
            Assert.True(r.Find(stage)!.Check == 1, $"{stage} did not exit 0");
            Assert.True(r.Find(stage)!.PeakWorkingSetBytes > 0, stage);
        }

        var peer = r.Find("bytecode")!;
        if (version == "3.11")
        {
            Assert.True(peer.Ran, peer.Missing);
            Assert.True(peer.Check > 0); // code objects whose co_code bytecode's to_code() gave back unchanged
        }
        else
        {
            Assert.False(peer.Ran);
            Assert.Contains("bytecode", peer.Missing!, StringComparison.Ordinal);
        }

        // Every ratio with a target has a value, but the bytecode library's where it cannot run.
        Assert.All(r.Ratios.Where(x => x.Target != "–" && !(x.Name.StartsWith("bytecode", StringComparison.Ordinal) && !peer.Ran)),
            x => Assert.True(x.Value is > 0, x.Name));
        var table = new StringWriter();
        CorpusTable.Write(r, table);
        Assert.Contains("| model | read + FromCode + ToCode + write |", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("| model round trip / C loads+dumps |", table.ToString(), StringComparison.Ordinal);
    }
}
