using ByteFluent.Model;

namespace ByteFluent.Flow;

/// <summary>
/// 2.7–3.10: the interpreter's block stack at every block of a graph, followed along the edges from the entry (the
/// first path to arrive decides; CPython's compilers give every path into a block the same block stack). SETUP_*
/// pushes, POP_BLOCK pops, a handler is entered with its own block popped, BREAK_LOOP pops through the innermost loop
/// and CONTINUE_LOOP down to it. A block no path reaches (dead code) takes the block stack its layout predecessor
/// leaves. From it come the exception edges (every instruction under a handler block can raise to it, except the
/// block-stack opcodes themselves) and BREAK_LOOP's target, both independent of the block order.
/// </summary>
internal sealed class BlockStackWalk
{
    private readonly ControlFlowGraph graph;
    private readonly IReadOnlyList<BasicBlock> blocks;
    private readonly Func<Label, BasicBlock?> blockOf;
    private readonly Func<BasicBlock, int> indexOf;
    private readonly Frame?[] entry;
    private readonly bool[] known;
    private readonly PriorityQueue<int, int> work = new();

    public BlockStackWalk(ControlFlowGraph graph, IReadOnlyList<BasicBlock> blocks, Func<Label, BasicBlock?> blockOf, Func<BasicBlock, int> indexOf)
    {
        this.graph = graph;
        this.blocks = blocks;
        this.blockOf = blockOf;
        this.indexOf = indexOf;
        entry = new Frame?[blocks.Count];
        known = new bool[blocks.Count];
        Handlers = new List<Frame>?[blocks.Count];
        BreakTargets = new BasicBlock?[blocks.Count];
        if (blocks.Count == 0)
        {
            return;
        }

        Arrive(0, null);
        var next = 1;
        while (true)
        {
            while (work.TryDequeue(out var i, out _))
            {
                Visit(i);
            }

            // Dead code: the block stack the block before it leaves (it is in the same place of the source).
            while (next < blocks.Count && known[next])
            {
                next++;
            }

            if (next >= blocks.Count)
            {
                break;
            }

            Arrive(next, Leave(next - 1, entry[next - 1]));
        }
    }

    /// <summary>Per block, the handler blocks its instructions raise to (innermost first met), or null.</summary>
    public List<Frame>?[] Handlers { get; }

    /// <summary>Per block ending with BREAK_LOOP, the end of its loop (null when no loop block is open).</summary>
    public BasicBlock?[] BreakTargets { get; }

    private void Arrive(int i, Frame? stack)
    {
        if (i < 0 || i >= blocks.Count || known[i])
        {
            return;
        }

        known[i] = true;
        entry[i] = stack;
        work.Enqueue(i, i);
    }

    private void Arrive(Label? label, Frame? stack)
    {
        if (label is not null && blockOf(label) is { } b)
        {
            Arrive(indexOf(b), stack);
        }
    }

    private void Visit(int i)
    {
        var block = blocks[i];
        var stack = entry[i];
        foreach (var ins in block.Instructions)
        {
            var effect = graph.Strategy.BlockEffect(ins.Opcode);
            if (effect is not (BlockStackEffect.Pop or BlockStackEffect.PushHandler or BlockStackEffect.PushLoop) && Innermost(stack) is { } h)
            {
                var list = Handlers[i] ??= [];
                if (!list.Contains(h))
                {
                    list.Add(h);
                }
            }

            stack = Step(i, ins, effect, stack, visiting: true);
        }

        var flow = block.LastInstruction is { } last ? graph.Strategy.Classify(last.Opcode) : InstructionFlow.Next;
        if (flow is not (InstructionFlow.Jump or InstructionFlow.Return or InstructionFlow.Raise or InstructionFlow.BreakLoop))
        {
            Arrive(i + 1, stack);
        }

        foreach (var h in Handlers[i] ?? [])
        {
            if (h.Target is { } handler)
            {
                Arrive(indexOf(handler), h.Below);
            }
        }
    }

    // The block stack after block i's instructions, from `stack` (no arrivals made).
    private Frame? Leave(int i, Frame? stack)
    {
        foreach (var ins in blocks[i].Instructions)
        {
            stack = Step(i, ins, graph.Strategy.BlockEffect(ins.Opcode), stack, visiting: false);
        }

        return stack;
    }

    private Frame? Step(int i, Instr ins, BlockStackEffect effect, Frame? stack, bool visiting)
    {
        var target = ins.Arg as Label;
        switch (effect)
        {
            case BlockStackEffect.PushHandler or BlockStackEffect.PushLoop:
                var frame = new Frame(effect == BlockStackEffect.PushLoop, target is null ? null : blockOf(target), ins, blocks[i], stack);
                if (visiting)
                {
                    Arrive(target, stack); // the handler, or the loop's end, sees the block popped
                }

                return frame;
            case BlockStackEffect.Pop:
                return stack?.Below;
            case BlockStackEffect.Break:
                var loop = InnermostLoop(stack);
                if (visiting)
                {
                    BreakTargets[i] = loop?.Target;
                    if (loop?.Target is { } end)
                    {
                        Arrive(indexOf(end), loop.Below);
                    }
                }

                return loop?.Below;
            case BlockStackEffect.Continue:
                var kept = InnermostLoop(stack) ?? stack;
                if (visiting)
                {
                    Arrive(target, kept);
                }

                return kept;
            default:
                if (visiting && target is not null && graph.Strategy.Classify(ins.Opcode) != InstructionFlow.NextWithReference)
                {
                    Arrive(target, stack);
                }

                return stack;
        }
    }

    private static Frame? Innermost(Frame? stack)
    {
        for (var f = stack; f is not null; f = f.Below)
        {
            if (!f.IsLoop)
            {
                return f;
            }
        }

        return null;
    }

    private static Frame? InnermostLoop(Frame? stack)
    {
        for (var f = stack; f is not null; f = f.Below)
        {
            if (f.IsLoop)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>One block of the block stack.</summary>
    /// <param name="IsLoop">A SETUP_LOOP block (no handler).</param>
    /// <param name="Target">The handler, or the loop's end (null when its label names no block).</param>
    /// <param name="Setup">The SETUP_* instruction that pushed it.</param>
    /// <param name="SetupBlock">The block that instruction ends.</param>
    /// <param name="Below">The rest of the stack.</param>
    internal sealed record Frame(bool IsLoop, BasicBlock? Target, Instr Setup, BasicBlock SetupBlock, Frame? Below);
}
