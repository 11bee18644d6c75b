using System.Diagnostics;
using ByteFluent.Assembly;
using ByteFluent.Flow;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Flow;

/// <summary>
/// Graph invariants and the separate-assembly round trip on corpus code objects. Every code object of every corpus
/// already goes Code → graph → Code in <see cref="Model.CodeFidelityTests"/> (which compares the assembled result with
/// the original in every field); this test adds, on a seeded sample of files per version (all files with
/// <c>BYTEFLUENT_CFG_FULL=1</c>), that the graph's code assembles to the same bytes as the model's, that every
/// jump, set-up and handler label resolves to a block, that the entry dominates every reachable block, and
/// that splitting every block at every instruction assembles to the same code. It prints the time the graph
/// build takes next to the model's FromCode on the same objects.
/// </summary>
public sealed class GraphCorpusTests(ITestOutputHelper output)
{
    private const int SampleFiles = 40;

    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Corpus_graphs_resolve_every_target_and_assemble_like_the_model(string version)
    {
        var v = PythonVersion.Parse(version);
        var all = Corpora.PycFiles(version);
        var full = Environment.GetEnvironmentVariable("BYTEFLUENT_CFG_FULL") == "1";
        var root = Corpora.Folder(version);
        var files = full ? all : all.OrderBy(f => StableHash(Path.GetRelativePath(root, f))).Take(SampleFiles).ToList();
        long fromCodeTicks = 0, graphTicks = 0;
        int objects = 0, blocks = 0, edges = 0, verifierRefused = 0;
        var problems = new List<string>();
        foreach (var file in files)
        {
            foreach (var co in PycFile.Load(file).Code.SelfAndDescendants())
            {
                var t0 = Stopwatch.GetTimestamp();
                var model = Code.FromCode(co, v, nested: false);
                var t1 = Stopwatch.GetTimestamp();
                var (back, problem) = GraphRoundTrip.Run(model);
                var t2 = Stopwatch.GetTimestamp();
                fromCodeTicks += t1 - t0;
                graphTicks += t2 - t1;
                objects++;
                var where = $"{Path.GetFileName(file)}:{co.Name.Value}:{co.FirstLineNo}";
                if (problem is not null)
                {
                    problems.Add($"{where}: {problem}");
                    continue;
                }

                // The verifier (run by ToCode) judges the model, not the graph: where it refuses the model itself, both
                // are assembled without it and still compared.
                var options = AssembleOptions.Default;
                PyCode expected;
                try
                {
                    expected = model.ToCode(v);
                }
                catch (VerificationException)
                {
                    verifierRefused++;
                    options = new AssembleOptions { Verify = false };
                    expected = model.ToCode(v, options);
                }

                if (!back.ToCode(v, options).Code.AsSpan().SequenceEqual(expected.Code.AsSpan()))
                {
                    problems.Add($"{where}: the graph's code assembles to other bytes");
                }

                var graph = ControlFlowGraph.FromCode(model);
                blocks += graph.Blocks.Count;
                edges += graph.Edges.Count;
                CheckTargets(graph, where, problems);
                var dom = graph.Dominators();
                if (graph.Reachable().Any(b => !dom.Dominates(graph.Entry!, b)))
                {
                    problems.Add($"{where}: the entry does not dominate a reachable block");
                }

                foreach (var b in graph.Blocks.ToList())
                {
                    for (var current = b; current.InstructionCount > 1;)
                    {
                        current = graph.SplitBlock(current, 1);
                    }
                }

                var split = graph.ToCode().ToCode(v, options);
                if (!split.Code.AsSpan().SequenceEqual(expected.Code.AsSpan()) || !split.LineTable.AsSpan().SequenceEqual(expected.LineTable.AsSpan())
                    || !split.ExceptionTable.AsSpan().SequenceEqual(expected.ExceptionTable.AsSpan()))
                {
                    problems.Add($"{where}: split into one-instruction blocks it assembles differently");
                }
            }
        }

        var ms = 1000.0 / Stopwatch.Frequency;
        output.WriteLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{version}: {files.Count} of {all.Count} files, {objects} code objects, {blocks} blocks, {edges} edges, problems {problems.Count}, models the verifier refuses {verifierRefused}; FromCode {fromCodeTicks * ms:F0} ms, graph build + ToCode + identity check {graphTicks * ms:F0} ms ({100.0 * graphTicks / Math.Max(1, fromCodeTicks):F0}% of FromCode)"));
        Assert.True(objects > 100, $"only {objects} code objects");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    private static void CheckTargets(ControlFlowGraph graph, string where, List<string> problems)
    {
        foreach (var b in graph.Blocks)
        {
            if (b.LastInstruction?.Arg is Label l && graph.BlockOf(l) is null)
            {
                problems.Add($"{where}: {b.Name}'s jump goes to no block");
            }

            if (b.Handler is { } r && graph.BlockOf(r.Handler) is null)
            {
                problems.Add($"{where}: {b.Name}'s handler is no block");
            }

            foreach (var ins in b.Instructions.SkipLast(1))
            {
                if (ins.Arg is Label || graph.Strategy.Classify(ins.Opcode) != InstructionFlow.Next)
                {
                    problems.Add($"{where}: {b.Name} has {ins} before its end");
                }
            }
        }
    }

    private static int StableHash(string path)
    {
        var h = 17;
        foreach (var c in path)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }
}
