using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Transforms;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Cli;

/// <summary>
/// The command-line tools on the old eras (CPython 1.0–2.6, 3.0–3.5 and PyPy) over a sample of the shared corpora: up
/// to three files per magic number. <c>dis</c> lists each; <c>dis --format asm</c> → <c>asm</c> gives back the
/// identical file; <c>diff</c> of a file with itself finds nothing; <c>rewrite</c> with every transform writes a file
/// that reads back, lists, and (for <c>identity</c>) is the same program by <c>diff</c>.
/// </summary>
public sealed class OldErasToolsTests(ITestOutputHelper output) : IDisposable
{
    private const int PerMagic = 3;
    private readonly string work = Directory.CreateTempSubdirectory("bytefluent-old-eras-").FullName;

    [Fact]
    public void Dis_asm_diff_and_rewrite_work_on_a_sample_of_every_old_era()
    {
        var sample = SharedCorpora.PycFiles
            .Select(f => (File: f, Info: MagicNumbers.TryGetInfo(Magic(f), out var i) ? i : null))
            .Where(x => x.Info is { } i && (i.Version.IsPyPy || i.Version.Language < PythonVersion.V2_7
                || (i.Version.Language >= PythonVersion.V3_0 && i.Version.Language < PythonVersion.V3_6)))
            .GroupBy(x => x.Info!.Magic)
            .SelectMany(g => g.Take(PerMagic))
            .ToList();
        Assert.True(sample.Count > 60, $"only {sample.Count} old-era files");
        var failures = new List<string>();
        var listedInCorpora = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "fidelity", "corpora.txt"))
            .Where(l => !l.StartsWith('#') && l.Contains("\tcode\t", StringComparison.Ordinal)).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);
        var n = 0;
        foreach (var (file, info) in sample)
        {
            var rel = SharedCorpora.Relative(file);
            var dir = Path.Combine(work, (n++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            void Check(bool ok, string what)
            {
                if (!ok)
                {
                    failures.Add($"{rel} ({info!.Release}): {what}");
                }
            }

            var dis = CliRunner.Run("dis", file);
            Check(dis.Code == 0 && dis.Out.Length > 0, $"dis exit {dis.Code}: {dis.Err}");

            var asm = CliRunner.Run("dis", file, "--format", "asm");
            var asmPath = Path.Combine(dir, "f.pyasm");
            File.WriteAllText(asmPath, asm.Out);
            var assembled = Path.Combine(dir, "asm.pyc");
            var back = CliRunner.Run("asm", asmPath, "-o", assembled);
            var asmSame = asm.Code == 0 && back.Code == 0 && File.Exists(assembled) && File.ReadAllBytes(assembled).AsSpan().SequenceEqual(File.ReadAllBytes(file));
            Check(asmSame, $"dis --format asm ({asm.Code}) -> asm ({back.Code}: {back.Err.Trim()}) is not the identical file");

            var same = CliRunner.Run("diff", file, file);
            Check(same.Code == 0, $"diff with itself exit {same.Code}: {same.Out}{same.Err}");

            foreach (var t in CodeTransforms.All)
            {
                var outPath = Path.Combine(dir, t.Name + ".pyc");
                var rw = CliRunner.Run("rewrite", file, outPath, "--transform", t.Name);
                if (t.Name == "nops" && !info!.Version.IsPyPy && info.Version.Language < PythonVersion.V2_4)
                {
                    // Before 2.4 there is no NOP opcode: the transform refuses with a clear error (exit 1).
                    Check(rw.Code == 1 && rw.Err.Contains("has no opcode named 'NOP'", StringComparison.Ordinal), $"nops before 2.4: exit {rw.Code}: {rw.Err.Trim()}");
                    continue;
                }

                if (rw.Code != 0 || !File.Exists(outPath))
                {
                    Check(false, $"rewrite --transform {t.Name} exit {rw.Code}: {rw.Err.Trim()}");
                    continue;
                }

                Check(PycFile.Load(outPath).Header.Version == info!.Version, $"rewrite --transform {t.Name} changed the version");
                var listed = CliRunner.Run("dis", outPath);
                Check(listed.Code == 0, $"dis of the {t.Name} output exit {listed.Code}: {listed.Err.Trim()}");
                if (t.Name == "identity")
                {
                    var d = CliRunner.Run("diff", file, outPath);
                    // A code object listed in docs/fidelity/corpora.txt comes back with another stack size.
                    Check(d.Code == 0 || listedInCorpora.Contains(rel), $"diff of the identity output exit {d.Code}: {d.Out}");
                }
            }
        }

        output.WriteLine($"{sample.Count} files of {sample.Select(s => s.Info!.Magic).Distinct().Count()} old-era magic numbers, {CodeTransforms.All.Count} transforms; {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    private static ushort Magic(string file)
    {
        using var s = File.OpenRead(file);
        Span<byte> b = stackalloc byte[2];
        return s.Read(b) == 2 ? (ushort)(b[0] | (b[1] << 8)) : (ushort)0;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
