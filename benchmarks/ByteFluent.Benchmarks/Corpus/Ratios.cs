namespace ByteFluent.Benchmarks.Corpus;

/// <summary>The ratios <c>corpus</c> prints, from best times of one run, with issue 14's targets.</summary>
internal static class Ratios
{
    private const double MB = 1024 * 1024;

    public static IReadOnlyList<Ratio> Compute(IReadOnlyList<Measurement> stages, long corpusBytes)
    {
        Measurement? S(string name) => stages.FirstOrDefault(s => s.Stage == name && s.Ran);
        double? Best(string name) => S(name)?.Best;
        var ratios = new List<Ratio>
        {
            AtMost("read / C marshal.loads", Best("read"), Best("loads"), 1.0),
            AtMost("write / C marshal.dumps", Best("write"), Best("dumps"), 1.5),
            AtMost("model round trip / C loads+dumps", Best("model"), Best("loads") + Best("dumps"), 3.0),
            Plain("decode / dis over every code object", Best("decode"), Best("dis")),
            Plain("model round trip / dis over every code object", Best("model"), Best("dis")),
        };

        var peer = stages.FirstOrDefault(s => s.Stage == "bytecode");
        ratios.Add(peer is { Ran: false }
            ? new Ratio("bytecode library / model round trip (speed-up)", null, "≥ 100", null, peer.Missing)
            : AtLeast("bytecode library / model round trip (speed-up)", Best("bytecode"), Best("model"), 100));
        ratios.Add(AtMost("model round trip allocations / corpus bytes", S("model")?.AllocatedBytes, corpusBytes, 10));
        ratios.Add(AtMost("whole process: roundtrip --level file / C marshal", Best("process roundtrip file"), Best("process marshal"), 2.0));
        ratios.Add(AtMost("whole process: roundtrip --level code / C marshal", Best("process roundtrip code"), Best("process marshal"), 5.0));
        ratios.Add(Plain("whole process: dis of every file / C marshal", Best("process dis"), Best("process marshal")));

        var cliPeaks = stages.Where(s => s.Ran && s.Stage.StartsWith("process ", StringComparison.Ordinal) && s.Stage != "process marshal")
            .Select(s => s.PeakWorkingSetBytes ?? 0).ToList();
        ratios.Add(cliPeaks.Count == 0
            ? new Ratio("peak working set of a whole-tree CLI run, MB", null, "≤ 300", null, "the CLI did not run")
            : AtMost("peak working set of a whole-tree CLI run, MB", cliPeaks.Max() / MB, 1, 300));
        ratios.Add(AtLeast("two cores / one core throughput (roundtrip --level code)", Best("process roundtrip code 1 core"), Best("process roundtrip code"), 1.8)
            with { Note = "the machine is shared: scaling measured under load is noisy" });
        return ratios;
    }

    private static Ratio AtMost(string name, double? a, double? b, double target) => a is { } x && b is { } y && y > 0
        ? new Ratio(name, x / y, "≤ " + target.ToString(System.Globalization.CultureInfo.InvariantCulture), x / y <= target)
        : new Ratio(name, null, "≤ " + target.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "a side did not run");

    private static Ratio AtLeast(string name, double? a, double? b, double target) => a is { } x && b is { } y && y > 0
        ? new Ratio(name, x / y, "≥ " + target.ToString(System.Globalization.CultureInfo.InvariantCulture), x / y >= target)
        : new Ratio(name, null, "≥ " + target.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "a side did not run");

    private static Ratio Plain(string name, double? a, double? b) => a is { } x && b is { } y && y > 0
        ? new Ratio(name, x / y, "–", null)
        : new Ratio(name, null, "–", null, "a side did not run");
}
