using ByteFluent.Assembly;
using ByteFluent.Flow;
using ByteFluent.Model;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Flow;

/// <summary>
/// 2.7–3.10 exception edges: every block under a handler's block of the block stack (SETUP_EXCEPT / SETUP_FINALLY /
/// SETUP_WITH … POP_BLOCK) has the <see cref="EdgeKind.Exception"/> edge to its handler, with the block's level as the
/// handler depth; checked on protected_blocks.py compiled by each interpreter of the era: against the expected edge
/// listing (Expected/exception-edges-X.Y.txt, <c>BYTEFLUENT_UPDATE_EXPECTED=1</c> rewrites it), against the source
/// (which calls are protected by which handler), against the per-instruction stack analysis (the handler is entered
/// at that depth plus the exception's items or a finally status), and against another block order.
/// </summary>
public sealed class ExceptionEdgeTests
{
    public static TheoryData<string> BlockStackVersions => [.. Interpreters.NativeVersions.Where(v => v is "2.7" or "3.6" or "3.7" or "3.8" or "3.9" or "3.10")];

    [Theory]
    [MemberData(nameof(BlockStackVersions))]
    public void Protected_blocks_have_exception_edges_to_their_handler_with_its_depth(string version)
    {
        var code = FlowSamples.Function(FlowSamples.ProtectedModule(version), "f");
        var graph = ControlFlowGraph.FromCode(code);
        var text = Listing(graph);
        var expectedFile = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Flow", "Expected", $"exception-edges-{version}.txt");
        if (Environment.GetEnvironmentVariable("BYTEFLUENT_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(expectedFile, text);
        }

        Assert.True(File.Exists(expectedFile), $"{expectedFile} is missing (BYTEFLUENT_UPDATE_EXPECTED=1 writes it)");
        Assert.Equal(File.ReadAllText(expectedFile), text);

        // From the source: the first SETUP_* guards everything up to `except KeyError`; g(x) is under the finally
        // (the innermost handler), h() (both copies of the finally body from 3.9) under the except only; the return in
        // `except KeyError as e` under the hidden finally that deletes e; the with body under the with's cleanup.
        var setups = graph.Edges.Where(e => e.Kind == EdgeKind.Setup && e.Source.LastInstruction!.Opcode.Name != "SETUP_LOOP").ToList();
        var outer = setups[0].Target!;
        var exception = graph.Edges.Where(e => e.Kind == EdgeKind.Exception).ToList();
        IEnumerable<BasicBlock> AllCalling(string name) => graph.Blocks.Where(b => b.Instructions.Any(i => i.ToString() == "LOAD_GLOBAL " + name));
        BasicBlock Calling(string name) => Assert.Single(AllCalling(name));

        var gBlock = Calling("g");
        var finallyHandler = exception.First(e => e.Source == gBlock).Target!; // innermost first (after its POP_BLOCK the block is under the except)
        Assert.NotEqual(outer, finallyHandler);
        Assert.Contains(setups, s => s.Target == finallyHandler && s.Source.LastInstruction!.Opcode.Name == "SETUP_FINALLY");
        Assert.All(AllCalling("h"), b =>
        {
            Assert.Contains(exception, e => e.Source == b && e.Target == outer);
            Assert.DoesNotContain(exception, e => e.Source == b && e.Target == b);
        });
        var lenBlock = Calling("len");
        if (version == "2.7")
        {
            Assert.DoesNotContain(exception, e => e.Source == lenBlock); // 2.7 keeps the name bound: no hidden finally
        }
        else
        {
            var hidden = Assert.Single(exception, e => e.Source == lenBlock);
            Assert.Contains(setups, s => s.Target == hidden.Target && s.Source.Index > outer.Index);
        }

        var withSetup = Assert.Single(setups, s => s.Source.LastInstruction!.Opcode.Name == "SETUP_WITH");
        Assert.Contains(exception, e => e.Target == withSetup.Target && e.Source.Instructions.Any(i => i.Opcode.Name == "COMPARE_OP" || i.Opcode.Name == "IS_OP"));
        Assert.DoesNotContain(exception, e => e.Source == withSetup.Source || e.Source.Instructions.Any(i => i.ToString() == "LOAD_GLOBAL Ctx"));

        // Against the stack analysis: the handler starts at the kept depth plus the exception's items (3 in 2.7, 6 in
        // 3.x), or plus one finally status (None, NULL, a return address) where the analysis enters it that way.
        var depths = StackAnalysis.Compute(code).Entries.Where(e => e.Item is Instr).ToDictionary(e => (object)e.Item, e => e, ReferenceEqualityComparer.Instance);
        var items = version == "2.7" ? 3 : 6;
        Assert.All(exception, e =>
        {
            Assert.NotNull(e.HandlerDepth);
            var at = depths[e.Target!.Instructions.First()];
            var expected = e.HandlerDepth + (at.KindsBefore![^1] == StackItemKind.Exception ? items : 1);
            Assert.True(at.DepthBefore == expected, $"{e}: the handler starts at depth {at.DepthBefore}, expected {expected}");
        });
    }

    [Theory]
    [MemberData(nameof(BlockStackVersions))]
    public void Exception_edges_follow_the_block_stack_not_the_block_order_and_the_reordered_code_runs_the_same(string version)
    {
        var module = FlowSamples.ProtectedModule(version);
        var expected = FlowSamples.RunCall(version, module.ToCode(), "protected-original", "main()");
        var code = FlowSamples.Function(module, "f");
        if (version == "2.7")
        {
            // 2.7's lnotab cannot encode a line after a later one (InvalidCodeException); this order would need it.
            var lineless = new CodeList();
            foreach (var item in code.CodeList.Where(i => i is not SetLineno))
            {
                lineless.Add(item);
            }

            code.CodeList = lineless;
        }

        var graph = ControlFlowGraph.FromCode(code);
        var before = Keys(graph);
        var originals = new HashSet<Instr>(graph.Blocks.SelectMany(b => b.Instructions), ReferenceEqualityComparer.Instance);

        // Every handler (and the loop's end) goes to the end of the code, in its order: forward-only jumps still go
        // forward, fall-throughs into them become jumps, the JUMP_FORWARDs they end with become JUMP_ABSOLUTE.
        var moved = graph.Edges.Where(e => e.Kind == EdgeKind.Setup).Select(e => e.Target!).Distinct().ToList();
        var order = graph.Blocks.Except(moved).Concat(moved.OrderBy(b => b.Index)).ToList();
        graph.Reorder(order);
        Assert.Equal(before, Keys(graph).Where(before.Contains).ToList());
        // The only new edges leave blocks that end with a jump the reordering added (it runs under their block stack).
        var added = Keys(graph.Edges.Where(e => e.Source.LastInstruction is { } last && !originals.Contains(last)));
        Assert.Equal(Keys(graph).Except(before).Order(StringComparer.Ordinal), added.Except(before).Order(StringComparer.Ordinal));
        code.CodeList = graph.ToCodeList();
        Assert.Equal(expected, FlowSamples.RunCall(version, module.ToCode(), "protected-reordered", "main()"));

        // A forward-only jump's target may not come before it.
        var fresh = ControlFlowGraph.FromCode(FlowSamples.Function(FlowSamples.ProtectedModule(version), "f"));
        var setup = fresh.Edges.First(e => e.Kind == EdgeKind.Setup);
        var bad = fresh.Blocks.ToList();
        bad.Remove(setup.Target!);
        bad.Insert(bad.IndexOf(setup.Source), setup.Target!);
        Assert.Throws<ArgumentException>(() => fresh.Reorder(bad));
    }

    // The exception, set-up and break edges, each named by the first instruction of its source and its target (stable
    // under reordering), with the handler depth.
    private static List<string> Keys(ControlFlowGraph graph) => Keys(graph.Edges);

    private static List<string> Keys(IEnumerable<FlowEdge> edges) => edges
        .Where(e => e.Kind is EdgeKind.Exception or EdgeKind.Setup || (e.Kind == EdgeKind.Jump && e.Source.LastInstruction?.Opcode.Name == "BREAK_LOOP"))
        .Select(e => $"{Id(e.Source)} -> {Id(e.Target!)} {e.Kind} {e.HandlerDepth}")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Id(BasicBlock b)
    {
        var first = b.Instructions.FirstOrDefault();
        return first is null ? "(empty)" : $"{first.Opcode.Name}#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(first)}";
    }

    private static string Listing(ControlFlowGraph graph)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("# ").Append(graph.Strategy.Name).Append('\n');
        foreach (var b in graph.Blocks)
        {
            sb.Append(b.Name).Append(": ").Append(string.Join("; ", b.Instructions.Select(i => i.ToString()))).Append('\n');
        }

        foreach (var e in graph.Edges.Where(e => e.Kind is EdgeKind.Exception or EdgeKind.Setup))
        {
            sb.Append(e).Append('\n');
        }

        return sb.ToString();
    }
}
