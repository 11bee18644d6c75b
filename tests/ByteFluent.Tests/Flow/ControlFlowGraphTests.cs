using ByteFluent.Flow;
using ByteFluent.Model;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Flow;

/// <summary>The graph of functions compiled by every version's interpreter: shape, dominators, loops, edits, round trip.</summary>
public sealed class ControlFlowGraphTests
{
    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_for_loop_with_a_branch_and_a_try_has_one_loop_an_exception_edge_and_a_return(string version)
    {
        var graph = ControlFlowGraph.FromCode(FlowSamples.Function(FlowSamples.Module(version), "classify"));
        var edges = graph.Edges;

        var loop = Assert.Single(graph.Loops());
        Assert.Equal("FOR_ITER", loop.Header.LastInstruction?.Opcode.Name);
        Assert.All(loop.BackEdges, e => Assert.Equal(loop.Header, e.Target));
        Assert.True(loop.BackEdges.Count >= 2, "the continue and the end of the body both go back");

        // The exhausted FOR_ITER leaves the loop; the try body is inside it.
        var exit = Assert.Single(loop.Header.Successors, e => e.Kind == EdgeKind.Conditional);
        Assert.False(loop.Contains(exit.Target!));
        var exception = edges.Where(e => e.Kind == EdgeKind.Exception).ToList();
        Assert.NotEmpty(exception);
        Assert.All(exception, e => Assert.NotNull(e.HandlerDepth));
        Assert.Contains(exception, e => loop.Contains(e.Source) && e.HandlerDepth >= 1); // the loop's iterator stays below
        if (!graph.Strategy.UsesExceptionRegions)
        {
            // 2.7–3.10: the protected blocks have the exception edges; the SETUP_* that pushed the handler's block has
            // the set-up edge to the same handler.
            Assert.All(exception, e => Assert.Contains(e.SetupBlock!.Successors, s => s.Kind == EdgeKind.Setup && s.Target == e.Target));
            Assert.All(exception, e => Assert.StartsWith("SETUP_", e.SetupBlock!.LastInstruction!.Opcode.Name, StringComparison.Ordinal));
        }

        Assert.Contains(edges, e => e.Kind == EdgeKind.Return && e.Target is null);
        Assert.Contains(edges, e => e.Kind == EdgeKind.Conditional && e.Source.LastInstruction!.Opcode.Name.Contains("_IF_", StringComparison.Ordinal));

        // Dominators: the entry dominates every reachable block, each block's immediate dominator dominates it, and
        // a reachable block has the edges that enter it.
        var dom = graph.Dominators();
        foreach (var b in graph.Reachable())
        {
            Assert.True(dom.Dominates(graph.Entry!, b));
            if (dom.ImmediateDominator(b) is { } idom)
            {
                Assert.True(dom.Dominates(idom, b) && idom != b);
                Assert.NotEmpty(b.Predecessors);
            }
        }

        Assert.True(dom.Dominates(loop.Header, exception.First(e => loop.Contains(e.Source)).Source));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_while_loop_with_break_and_else_has_a_loop_whose_break_leaves_it(string version)
    {
        var graph = ControlFlowGraph.FromCode(FlowSamples.Function(FlowSamples.Module(version), "search"));
        var loop = Assert.Single(graph.Loops());
        var leaving = graph.Edges.Where(e => loop.Contains(e.Source) && e.Target is { } t && !loop.Contains(t)).ToList();
        Assert.True(leaving.Count >= 2, "the loop is left by its condition and by the break: " + string.Join(", ", leaving));
        Assert.Equal(2, graph.Edges.Count(e => e.Kind == EdgeKind.Return));
        if (graph.Table.Contains("SETUP_LOOP"))
        {
            Assert.Contains(graph.Edges, e => e.Kind == EdgeKind.Setup);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Unedited_graphs_give_back_the_identical_code_for_every_code_object(string version)
    {
        var module = FlowSamples.Module(version);
        foreach (var code in new[] { module }.Concat(module.NestedCode))
        {
            var (back, problem) = GraphRoundTrip.Run(code);
            Assert.Null(problem);
            Assert.Equal(code.ToCode().Code.ToArray(), back.ToCode().Code.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Splitting_every_block_at_every_instruction_then_merging_them_again_gives_back_the_code(string version)
    {
        var code = FlowSamples.Function(FlowSamples.Module(version), "classify");
        var original = code.ToCode();
        var graph = ControlFlowGraph.FromCode(code);
        var before = graph.Blocks.Count;
        foreach (var b in graph.Blocks.ToList())
        {
            var current = b;
            while (current.InstructionCount > 1)
            {
                current = graph.SplitBlock(current, 1);
            }
        }

        Assert.Equal(code.CodeList.OfType<Instr>().Count(), graph.Blocks.Count(b => b.InstructionCount == 1));
        var split = graph.ToCode().ToCode();
        Assert.Equal(original.Code.ToArray(), split.Code.ToArray());
        Assert.Equal(original.LineTable.ToArray(), split.LineTable.ToArray());
        Assert.Equal(original.ExceptionTable.ToArray(), split.ExceptionTable.ToArray());

        // Merge each block into its predecessor where only a fall-through joins them.
        for (var i = graph.Blocks.Count - 1; i > 0; i--)
        {
            var (first, second) = (graph.Blocks[i - 1], graph.Blocks[i]);
            if (!second.Header.Any() && first.Successors.Any(e => e.Target == second && e.Kind == EdgeKind.FallThrough)
                && second.Predecessors.All(e => e.Source == first && e.Kind == EdgeKind.FallThrough)
                && first.Successors.Count(e => e.Kind != EdgeKind.Exception) == 1)
            {
                graph.MergeBlocks(first, second);
            }
        }

        Assert.Equal(before, graph.Blocks.Count);
        Assert.Equal(code.CodeList, graph.ToCodeList());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Rotating_the_pieces_of_a_split_block_keeps_the_behaviour_in_the_real_interpreter(string version)
    {
        // The longest block of each function's loop body is cut in three (A, B, C) and laid out A C B: the graph adds
        // the jumps A -> B (forward), B -> C (backward) and from C on to where the block went, in every era's opcodes.
        var module = FlowSamples.Module(version);
        var original = module.ToCode();
        var expected = FlowSamples.Run(version, original, "original");
        Assert.Equal("14 2 -1 -1", expected.Trim());
        foreach (var f in new[] { "classify", "search" })
        {
            var code = FlowSamples.Function(module, f);
            var graph = ControlFlowGraph.FromCode(code);
            var loop = Assert.Single(graph.Loops());
            var a = loop.Body.Where(b => b != loop.Header).MaxBy(b => b.InstructionCount)!;
            Assert.True(a.InstructionCount >= 3, $"{f}: {a}");
            var b = graph.SplitBlock(a, 1);
            var c = graph.SplitBlock(b, 1);
            var order = graph.Blocks.ToList();
            order.Remove(b);
            order.Insert(order.IndexOf(c) + 1, b);
            var count = graph.Blocks.Count;
            graph.Reorder(order);
            Assert.Equal(a.Index + 1, c.Index);
            Assert.Equal(EdgeKind.Jump, Assert.Single(a.Successors, e => e.Kind != EdgeKind.Exception).Kind);
            Assert.Equal(EdgeKind.Jump, Assert.Single(b.Successors, e => e.Kind != EdgeKind.Exception).Kind);
            Assert.True(graph.Blocks.Count >= count);
            code.CodeList = graph.ToCodeList();
        }

        var edited = module.ToCode();
        static byte[] Bytes(ByteFluent.Marshal.PyCode m, int k) => m.Consts.OfType<ByteFluent.Marshal.PyCode>().ElementAt(k).Code.ToArray();
        Assert.NotEqual(Bytes(original, 0), Bytes(edited, 0));
        Assert.NotEqual(Bytes(original, 1), Bytes(edited, 1));
        Assert.Equal(expected, FlowSamples.Run(version, edited, "reordered"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Redirecting_an_edge_changes_the_successor_and_removing_a_block_needs_no_edge_into_it(string version)
    {
        var graph = ControlFlowGraph.FromCode(FlowSamples.Function(FlowSamples.Module(version), "classify"));
        var branch = graph.Edges.First(e => e.Kind == EdgeKind.Conditional && e.Source.LastInstruction!.Opcode.Name.Contains("_IF_", StringComparison.Ordinal));
        var oldTarget = branch.Target!;
        var newTarget = graph.Blocks.Last(b => b.Index > branch.Source.Index && b != oldTarget);
        Assert.Throws<InvalidOperationException>(() => graph.RemoveBlock(oldTarget));
        graph.RedirectEdge(branch, newTarget);
        Assert.Contains(branch.Source.Successors, e => e.Kind == EdgeKind.Conditional && e.Target == newTarget);
        Assert.DoesNotContain(branch.Source.Successors, e => e.Kind == EdgeKind.Conditional && e.Target == oldTarget);

        var block = graph.InsertBlock(1);
        Assert.Equal(EdgeKind.FallThrough, Assert.Single(block.Successors).Kind);
        graph.RemoveBlock(block);
        Assert.Throws<ArgumentException>(() => graph.RemoveBlock(block));
        Assert.Throws<ArgumentException>(() => block.Items.Add(new Label()));
    }
}
