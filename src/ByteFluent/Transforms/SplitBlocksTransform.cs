using ByteFluent.Flow;
using ByteFluent.Model;

namespace ByteFluent.Transforms;

/// <summary>
/// <c>split-blocks</c>: where execution falls through into a basic block that a jump or an exception handler
/// targets, an unconditional jump to that block is added, so every such block boundary becomes an explicit jump to
/// the next instruction. Works on the <see cref="ControlFlowGraph"/>: a block that falls through (its graph has the
/// fall-through edge) gets the jump at its end, right after its last instruction, so the jump keeps that
/// instruction's line, position and handler; after a conditional jump it goes in a block of its own. Nothing is
/// added where <see cref="InstructionAdjacency"/> forbids it.
/// </summary>
public sealed class SplitBlocksTransform : ICodeTransform
{
    /// <inheritdoc/>
    public string Name => "split-blocks";

    /// <inheritdoc/>
    public string Description => "Insert a jump to the next instruction at every basic-block boundary.";

    /// <inheritdoc/>
    public void Apply(Code code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var graph = ControlFlowGraph.FromCode(code);
        var jump = code.Table["JUMP_FORWARD"];
        var rules = InstructionAdjacency.For(code.Version);
        var instructions = code.CodeList.OfType<Instr>().ToList();
        var targets = Targets(graph);

        // Where each block's first instruction stands among all instructions, before anything is added.
        var firstIndex = new Dictionary<BasicBlock, int>(ReferenceEqualityComparer.Instance);
        var count = 0;
        foreach (var b in graph.Blocks)
        {
            firstIndex[b] = count;
            count += b.InstructionCount;
        }

        foreach (var block in graph.Blocks.ToList())
        {
            if (block.InstructionCount == 0 || !block.Labels.Any(targets.Contains) || !rules.MayInsertBefore(instructions, firstIndex[block]))
            {
                continue;
            }

            var fallIn = block.Predecessors.FirstOrDefault(e => e.Kind == EdgeKind.FallThrough);
            if (fallIn is null)
            {
                continue;
            }

            var source = fallIn.Source;
            var holder = source.LastInstruction is { } last && (last.Arg is Label || graph.Strategy.Classify(last.Opcode) != InstructionFlow.Next)
                ? graph.InsertBlock(source.Index + 1, source.Regions)
                : source;
            holder.Items.Add(new Instr(jump, block.Labels.First(targets.Contains)));
        }

        code.CodeList = graph.ToCodeList();
    }

    // Labels a jump argument or an exception region names (the old list-based rule, which counts 3.14's
    // END_ASYNC_FOR reference too).
    private static HashSet<Label> Targets(ControlFlowGraph graph)
    {
        var targets = new HashSet<Label>(ReferenceEqualityComparer.Instance);
        foreach (var b in graph.Blocks)
        {
            if (b.LastInstruction?.Arg is Label l)
            {
                targets.Add(l);
            }

            foreach (var r in b.Regions)
            {
                targets.Add(r.Handler);
            }

            foreach (var item in b.Header)
            {
                if (item is TryBegin begin)
                {
                    targets.Add(begin.Region.Handler);
                }
            }
        }

        return targets;
    }
}
