using System.Globalization;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// The ratios <c>corpus</c> prints, with issue 14's targets: from the best wall times of one run (what the targets
/// are about), and the same from CPU seconds, which other load on a shared machine disturbs less.
/// </summary>
internal static class Ratios
{
    private const double MB = 1024 * 1024;

    public static IReadOnlyList<Ratio> Compute(IReadOnlyList<Measurement> stages, long corpusBytes)
    {
        Measurement? S(string name) => stages.FirstOrDefault(s => s.Stage == name && s.Ran);
        (double? Wall, double? Cpu) T(params string[] names)
        {
            var found = names.Select(S).ToList();
            return found.Any(m => m is null) ? (null, null)
                : (found.Sum(m => m!.Best), found.All(m => m!.BestCpu is not null) ? found.Sum(m => m!.BestCpu!.Value) : null);
        }

        var ratios = new List<Ratio>
        {
            Make("read / C marshal.loads", T("read"), T("loads"), "≤", 1.0),
            Make("write / C marshal.dumps", T("write"), T("dumps"), "≤", 1.5),
            Make("model round trip / C loads+dumps", T("model"), T("loads", "dumps"), "≤", 3.0),
            Make("decode / dis over every code object", T("decode"), T("dis"), null, 0),
            Make("model round trip / dis over every code object", T("model"), T("dis"), null, 0),
        };

        var peer = stages.FirstOrDefault(s => s.Stage == "bytecode");
        ratios.Add(peer is { Ran: false }
            ? new Ratio("bytecode library / model round trip (speed-up)", null, null, "≥ 100", null, peer.Missing)
            : Make("bytecode library / model round trip (speed-up)", T("bytecode"), T("model"), "≥", 100));
        var allocated = S("model")?.AllocatedBytes;
        ratios.Add(Make("model round trip allocations / corpus bytes", (allocated, null), (corpusBytes, null), "≤", 10));
        ratios.Add(Make("whole process: roundtrip --level file / C marshal", T("process roundtrip file"), T("process marshal"), "≤", 2.0));
        ratios.Add(Make("whole process: roundtrip --level code / C marshal", T("process roundtrip code"), T("process marshal"), "≤", 5.0));
        ratios.Add(Make("whole process: dis of every file / C marshal", T("process dis"), T("process marshal"), null, 0));

        var cliPeaks = stages.Where(s => s.Ran && s.Stage.StartsWith("process ", StringComparison.Ordinal) && s.Stage != "process marshal")
            .Select(s => s.PeakWorkingSetBytes ?? 0).ToList();
        ratios.Add(cliPeaks.Count == 0
            ? new Ratio("peak working set of a whole-tree CLI run, MB", null, null, "≤ 300", null, "the CLI did not run")
            : Make("peak working set of a whole-tree CLI run, MB", (cliPeaks.Max() / MB, null), (1, null), "≤", 300));
        ratios.Add(Make("two cores / one core throughput (roundtrip --level code)", T("process roundtrip code 1 core"), T("process roundtrip code"), "≥", 1.8)
            with { Note = "shared machine: scaling measured under other load is noisy; the CPU ratio shows the work added by parallelism" });
        return ratios;
    }

    private static Ratio Make(string name, (double? Wall, double? Cpu) a, (double? Wall, double? Cpu) b, string? relation, double target)
    {
        var wall = a.Wall is { } x && b.Wall is { } y && y > 0 ? x / y : (double?)null;
        var cpu = a.Cpu is { } cx && b.Cpu is { } cy && cy > 0 ? cx / cy : (double?)null;
        var targetText = relation is null ? "–" : $"{relation} {target.ToString(CultureInfo.InvariantCulture)}";
        bool? met = relation is null || wall is null ? null : relation == "≤" ? wall <= target : wall >= target;
        return new Ratio(name, wall, cpu, targetText, met, wall is null ? "a side did not run" : null);
    }
}
