using System.Collections.Concurrent;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Model;

/// <summary>Per-version, per-field counts of code objects that do not survive FromCode → ToCode unchanged.</summary>
internal sealed class FidelityMeasure
{
    public int Files { get; private set; }

    public int CodeObjects { get; private set; }

    public int Identical { get; private set; }

    public int Errors { get; private set; }

    /// <summary>Code objects the verifier (run by ToCode) refused: false rejections, since the corpus is CPython's own output.</summary>
    public int Rejected { get; private set; }

    /// <summary>Code objects that differ in a field other than the stack size.</summary>
    public int OtherThanStackSize { get; private set; }

    /// <summary>Code objects whose rebuilt stack size is larger than CPython's.</summary>
    public int StackSizeAbove { get; private set; }

    /// <summary>Code objects whose model did not come back identical through <see cref="ByteFluent.Flow.ControlFlowGraph"/>.</summary>
    public int GraphDifferent { get; private set; }

    public ConcurrentDictionary<string, int> ByField { get; } = new();

    /// <summary>Per-instruction stack analysis against the computed stack size: "equal", "above", or the reason it is below ("unexplained" when none).</summary>
    public ConcurrentDictionary<string, int> PerInstruction { get; } = new(StringComparer.Ordinal);

    /// <summary>Code objects whose per-instruction maximum is above the computed stack size, or below it without a known reason.</summary>
    public ConcurrentBag<string> PerInstructionProblems { get; } = [];

    public ConcurrentBag<string> Samples { get; } = [];

    /// <summary>One <see cref="StackSizeList.Line"/> per code object that differs in the stack size alone.</summary>
    public ConcurrentBag<string> StackSizeLines { get; } = [];

    public static FidelityMeasure Run(PythonVersion version, IEnumerable<string> files, string corpusRoot)
    {
        var m = new FidelityMeasure();
        var list = files.ToList();
        int codeObjects = 0, identical = 0, errors = 0, other = 0, above = 0, rejected = 0, graphDifferent = 0;
        Parallel.ForEach(list, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var top = PycFile.Load(file).Code;

            foreach (var co in top.SelfAndDescendants())
            {
                Interlocked.Increment(ref codeObjects);
                try
                {
                    // Through the control-flow graph (Code -> graph -> Code must give back the identical model), so the
                    // field comparison below also checks that the graph's code assembles to the original bytes.
                    var model = Code.FromCode(co, version, nested: false);
                    var (back, problem) = Flow.GraphRoundTrip.Run(model);
                    if (problem is not null)
                    {
                        Interlocked.Increment(ref graphDifferent);
                        m.Samples.Add($"{file}:{co.Name.Value}:{co.FirstLineNo} GRAPH {problem}");
                        back = model;
                    }

                    var rebuilt = back.ToCode(version);

                    // The largest per-instruction depth against the stack size computed as the compiler does.
                    var max = Flow.PerInstructionDepth.Maximum(back);
                    var category = max == rebuilt.StackSize ? "equal" : max > rebuilt.StackSize ? "above"
                        : Flow.PerInstructionDepth.Reason(back, max, rebuilt.StackSize) ?? "unexplained";
                    m.PerInstruction.AddOrUpdate(category, 1, (_, n) => n + 1);
                    if (category is "above" or "unexplained")
                    {
                        m.PerInstructionProblems.Add($"{file}:{co.Name.Value}:{co.FirstLineNo} per-instruction maximum {max}, computed stack size {rebuilt.StackSize}");
                    }
                    var diffs = CodeFidelity.Compare(co, rebuilt);
                    if (diffs.Count == 0)
                    {
                        Interlocked.Increment(ref identical);
                        continue;
                    }

                    foreach (var d in diffs)
                    {
                        m.ByField.AddOrUpdate(d, 1, (_, n) => n + 1);
                    }

                    if (diffs.Any(d => d != "stacksize"))
                    {
                        Interlocked.Increment(ref other);
                    }

                    if (rebuilt.StackSize > co.StackSize)
                    {
                        Interlocked.Increment(ref above);
                    }

                    if (diffs is ["stacksize"])
                    {
                        m.StackSizeLines.Add(StackSizeList.Line(
                            Path.GetRelativePath(corpusRoot, file).Replace('\\', '/'),
                            (co.QualName ?? co.Name).Value,
                            co.FirstLineNo,
                            rebuilt.StackSize,
                            co.StackSize,
                            StackSizeReason.Classify(version, co, rebuilt)));
                    }

                    if (m.Samples.Count < 40 || (diffs.Any(d => d != "stacksize") && m.Samples.Count < 80))
                    {
                        m.Samples.Add($"{file}:{co.Name.Value}:{co.FirstLineNo} [{string.Join(",", diffs)}]"
                            + (diffs.Contains("stacksize") ? $" stacksize {co.StackSize} -> {rebuilt.StackSize}" : string.Empty));
                    }
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    if (e is ByteFluent.Assembly.VerificationException)
                    {
                        Interlocked.Increment(ref rejected);
                    }

                    if (m.Samples.Count < 40)
                    {
                        m.Samples.Add($"{file}:{co.Name.Value}:{co.FirstLineNo} ERROR {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        });
        m.Files = list.Count;
        m.CodeObjects = codeObjects;
        m.Identical = identical;
        m.Errors = errors;
        m.Rejected = rejected;
        m.OtherThanStackSize = other;
        m.StackSizeAbove = above;
        m.GraphDifferent = graphDifferent;
        return m;
    }

    public string Summary => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Files} files, {CodeObjects} code objects, {Identical} identical ({100.0 * Identical / Math.Max(1, CodeObjects):F3}%), {StackSizeLines.Count} differing in the stack size alone");

    /// <summary>The per-instruction depth line: how many code objects have their largest per-instruction depth equal to the computed stack size, and why the others are below.</summary>
    public string PerInstructionLine => FormattableString.Invariant(
        $"per-instruction depths: maximum = computed stack size for {PerInstruction.GetValueOrDefault("equal")} of {CodeObjects} code objects; ")
        + string.Join(", ", PerInstruction.Where(kv => kv.Key != "equal").OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => FormattableString.Invariant($"{kv.Key} {kv.Value}")));

    /// <summary>The verifier's precision line.</summary>
    public string VerifierLine => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"verifier: {CodeObjects - Rejected} code objects accepted, {Rejected} rejected");

    public override string ToString() =>
        $"files {Files}, code objects {CodeObjects}, identical {Identical} ({100.0 * Identical / Math.Max(1, CodeObjects):F3}%), errors {Errors}, stack size above CPython's {StackSizeAbove}, graph round trip identical {CodeObjects - GraphDifferent} of {CodeObjects}; by field: "
        + string.Join(", ", ByField.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + "\n" + string.Join("\n", Samples.OrderBy(x => x.Contains("[stacksize]", StringComparison.Ordinal)).Take(25));
}
