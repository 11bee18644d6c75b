using ByteFluent.Flow;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// What CPython's flow-graph pass does to the order and the copies of basic blocks after code generation: nothing
/// before 3.10 (the statements' own layout is what CPython's compiler lays out). Run on the lowered code list through
/// <see cref="ControlFlowGraph"/>, each nested code object too, before the opcode rewrites of <see cref="PeepholeLowering"/>.
/// </summary>
internal class BlockLayout
{
    /// <summary>The era's layout pass (3.10+: small exits copied; 3.12+: also cold blocks last).</summary>
    public static BlockLayout For(PythonVersion version) => version.Major != 3 || version.Minor < 10 ? new BlockLayout()
        : version.Minor switch
        {
            10 => new BlockLayout310(),
            11 => new BlockLayout311(),
            12 => new BlockLayout312(),
            _ => new BlockLayout313(),
        };

    public void Apply(Code code)
    {
        Run(code);
        foreach (var item in code.CodeList)
        {
            if (item is Instr { Arg: Code nested })
            {
                Apply(nested);
            }
        }
    }

    protected virtual void Run(Code code)
    {
    }
}

/// <summary>
/// 3.10: an unconditional jump to a small block that leaves the code (at most four instructions ending in a return or a
/// raise) is replaced by a copy of that block (until no such jump is left), unreachable blocks are emptied, jumps to
/// the block that follows anyway are dropped, and an exit block without a line number that several jumps reach gets
/// a copy of its own for each jump (placed right after it), as CPython's line-number pass does.
/// </summary>
internal class BlockLayout310 : BlockLayout
{
    /// <summary>CPython copies exit blocks of up to this many instructions.</summary>
    private const int MaxCopySize = 4;

    /// <summary>3.11: only exit blocks without a line number are copied into the jumps to them.</summary>
    protected virtual bool CopiesOnlyWithoutLine => false;

    protected sealed override void Run(Code code)
    {
        var graph = ControlFlowGraph.FromCode(code);
        if (graph.Blocks.Count < 2)
        {
            return;
        }

        ThreadJumps(graph);
        InlineSmallExits(graph);
        EmptyUnreachable(graph);
        Arrange(graph);
        EmptyUnreachable(graph);
        DropJumpsToNext(graph);
        DuplicateExitsWithoutLine(graph);
        Finish(graph);
        code.CodeList = graph.ToCodeList();
    }

    /// <summary>3.12+: moves the blocks only exceptions reach after the others.</summary>
    protected virtual void Arrange(ControlFlowGraph graph)
    {
    }

    /// <summary>
    /// 3.10: an unconditional jump to a block that starts with an unconditional jump goes straight to that one's target
    /// (JUMP_ABSOLUTE when the final one is, the direction fixed when written) when both are on the same line; the layer
    /// knows that only for jumps without a line (a try body's exit, a for loop's jump back), so it threads just those
    /// (3.11+ too: their compilers thread jumps of the same line, and two jumps without a line are that).
    /// </summary>
    protected virtual void ThreadJumps(ControlFlowGraph graph)
    {
        for (var i = 0; i < graph.Blocks.Count; i++)
        {
            var b = graph.Blocks[i];
            for (var hops = 0; hops < graph.Blocks.Count; hops++)
            {
                if (b.LastInstruction is not { Arg: Label l } jump || !IsUnconditional(graph, jump) || graph.BlockOf(l) is not { } labelled
                    || FirstNonEmpty(graph, labelled) is not { } target || target.Instructions.First() is not { Arg: Label final } next
                    || !IsUnconditional(graph, next) || ReferenceEquals(final, l) || graph.BlockOf(final) == labelled
                    || !JumpWithoutLine(graph, jump) || !JumpWithoutLine(graph, next))
                {
                    break;
                }

                var opcode = next.Opcode.Name == "JUMP_ABSOLUTE" ? next.Opcode : jump.Opcode;
                b.Items[b.Items.IndexOf(jump)] = new Instr(opcode, final);
            }
        }

        graph.Invalidate();
    }

    /// <summary>3.13+: the handlers' exit jumps that now go back become JUMP_BACKWARD_NO_INTERRUPT.</summary>
    protected virtual void Finish(ControlFlowGraph graph)
    {
    }

    /// <summary>
    /// Whether CPython would give the block no line number: the layer marks the line where each statement starts, so a
    /// block with no marker before its first instruction (3.10 looks at that one; 3.11+ at all of them) is code the
    /// compiler added (a POP_BLOCK, the implicit <c>return None</c>, a handler's cleanup).
    /// </summary>
    protected virtual bool WithoutLine(BasicBlock b)
    {
        foreach (var item in b.Header)
        {
            if (item is SetLineno { Line: not null })
            {
                return false;
            }
        }

        foreach (var item in b.Items)
        {
            if (item is Instr)
            {
                return true;
            }

            if (item is SetLineno { Line: not null })
            {
                return false;
            }
        }

        return true;
    }

    protected static bool HasLineMarker(BasicBlock b) => b.LineMarkers.Any(m => m.Line is not null);

    protected static bool IsUnconditional(ControlFlowGraph graph, Instr ins) => graph.Strategy.Classify(ins.Opcode) == InstructionFlow.Jump;

    /// <summary>A jump CPython's compiler emits without a line: marked so (<see cref="LayoutHints"/>), or a for loop's jump back to FOR_ITER.</summary>
    private static bool JumpWithoutLine(ControlFlowGraph graph, Instr jump) => LayoutHints.IsNoLine(jump)
        || (jump.Arg is Label l && graph.BlockOf(l) is { } t && FirstNonEmpty(graph, t)?.Instructions.First().Opcode.Name == "FOR_ITER");

    private static bool IsExit(ControlFlowGraph graph, BasicBlock b) =>
        b.LastInstruction is { } last && graph.Strategy.Classify(last.Opcode) is InstructionFlow.Return or InstructionFlow.Raise;

    private void InlineSmallExits(ControlFlowGraph graph)
    {
        // Later blocks first (CPython visits the newest first); repeated, since a copy can make its block a small exit.
        bool changed;
        do
        {
            changed = false;
            for (var i = graph.Blocks.Count - 1; i >= 0; i--)
            {
                var b = graph.Blocks[i];
                if (b.LastInstruction is not { Arg: Label l } jump || !IsUnconditional(graph, jump) || graph.BlockOf(l) is not { } labelled
                    || FirstNonEmpty(graph, labelled) is not { } target || target == b || !IsExit(graph, target) || target.InstructionCount > MaxCopySize
                    || (CopiesOnlyWithoutLine && HasLineMarker(target)))
                {
                    continue;
                }

                b.Items.RemoveAt(b.Items.IndexOf(jump));
                var copy = b;
                if (!b.Regions.SequenceEqual(target.Regions))
                {
                    // The copied instructions keep the handlers they had where they came from.
                    copy = graph.InsertBlock(i + 1, target.Regions);
                }

                CopyItems(target, copy);
                graph.Invalidate();
                changed = true;
            }
        }
        while (changed);
    }

    private static void CopyItems(BasicBlock from, BasicBlock to)
    {
        foreach (var item in from.Items)
        {
            to.Items.Add(item is Instr ins ? LayoutHints.Copy(ins) : item);
        }
    }

    private void DuplicateExitsWithoutLine(ControlFlowGraph graph)
    {
        for (var i = 0; i < graph.Blocks.Count; i++)
        {
            var b = graph.Blocks[i];
            if (b.LastInstruction is not { Arg: Label l } jump || graph.Strategy.Classify(jump.Opcode) is not (InstructionFlow.Jump or InstructionFlow.Conditional)
                || graph.BlockOf(l) is not { } labelled || FirstNonEmpty(graph, labelled) is not { } target || target == b
                || !IsExit(graph, target) || !WithoutLine(target) || target.Predecessors.Count(e => e.Kind != EdgeKind.Exception) < 2)
            {
                continue;
            }

            var copy = graph.InsertBlock(graph.IndexOf(target) + 1, target.Regions);
            CopyItems(target, copy);
            graph.RedirectJump(b, copy);
        }
    }

    /// <summary>The block control reaches first from <paramref name="b"/>: itself, or the next with an instruction when it is empty.</summary>
    protected static BasicBlock? FirstNonEmpty(ControlFlowGraph graph, BasicBlock b)
    {
        for (var i = graph.IndexOf(b); i < graph.Blocks.Count; i++)
        {
            if (graph.Blocks[i].InstructionCount > 0)
            {
                return graph.Blocks[i];
            }
        }

        return null;
    }

    private static void EmptyUnreachable(ControlFlowGraph graph)
    {
        foreach (var b in graph.Unreachable())
        {
            for (var k = b.Items.Count - 1; k >= 0; k--)
            {
                b.Items.RemoveAt(k);
            }
        }

        graph.Invalidate();
    }

    private static void DropJumpsToNext(ControlFlowGraph graph)
    {
        for (var i = 0; i < graph.Blocks.Count; i++)
        {
            var b = graph.Blocks[i];
            if (b.LastInstruction is not { Arg: Label l } jump || !IsUnconditional(graph, jump))
            {
                continue;
            }

            // The next block with an instruction (empty blocks between fall through).
            var next = i + 1;
            while (next < graph.Blocks.Count && graph.Blocks[next].InstructionCount == 0 && !graph.Blocks[next].HasLabel(l))
            {
                next++;
            }

            if (next < graph.Blocks.Count && graph.Blocks[next].HasLabel(l))
            {
                b.Items.RemoveAt(b.Items.IndexOf(jump));
                graph.Invalidate();
            }
        }
    }
}

/// <summary>3.11: only exits without a line number are copied into jumps (a block has none when all its instructions are such, <see cref="LayoutHints"/>).</summary>
internal class BlockLayout311 : BlockLayout310
{
    protected override bool CopiesOnlyWithoutLine => true;

    protected override bool WithoutLine(BasicBlock b) => b.InstructionCount > 0 && b.Instructions.All(LayoutHints.IsNoLine);
}

/// <summary>
/// 3.12+: also the blocks reached only through exception handlers (handlers, their cleanups and what only they jump
/// to) go after every other block, in their order; a cold block that fell through into a warm one jumps there instead.
/// </summary>
internal class BlockLayout312 : BlockLayout311
{
    protected override bool CopiesOnlyWithoutLine => false;

    protected override void Arrange(ControlFlowGraph graph)
    {
        var warm = new HashSet<BasicBlock>(ReferenceEqualityComparer.Instance);
        var work = new Stack<BasicBlock>();
        work.Push(graph.Blocks[0]);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (!warm.Add(b))
            {
                continue;
            }

            foreach (var e in b.Successors)
            {
                if (e.Kind is EdgeKind.FallThrough or EdgeKind.Jump or EdgeKind.Conditional && e.Target is { } t && !warm.Contains(t))
                {
                    work.Push(t);
                }
            }
        }

        if (warm.Count == graph.Blocks.Count)
        {
            return;
        }

        foreach (var b in graph.Blocks)
        {
            if (!warm.Contains(b))
            {
                foreach (var ins in b.Instructions)
                {
                    LayoutHints.MarkCold(ins);
                }
            }
        }

        var order = graph.Blocks.Where(warm.Contains).Concat(graph.Blocks.Where(b => !warm.Contains(b))).ToList();
        if (!order.SequenceEqual(graph.Blocks))
        {
            graph.Reorder(order);
        }
    }
}

/// <summary>3.13+: a handler's exit jump (JUMP_NO_INTERRUPT in CPython) that goes back is JUMP_BACKWARD_NO_INTERRUPT.</summary>
internal sealed class BlockLayout313 : BlockLayout312
{
    protected override void Finish(ControlFlowGraph graph)
    {
        if (!graph.Table.TryGetOpcode("JUMP_BACKWARD_NO_INTERRUPT", out var back))
        {
            return;
        }

        for (var i = 0; i < graph.Blocks.Count; i++)
        {
            var b = graph.Blocks[i];
            if (b.LastInstruction is { Arg: Label l } jump && LayoutHints.IsNoInterrupt(jump) && graph.BlockOf(l) is { } target && graph.IndexOf(target) <= i)
            {
                b.Items[b.Items.IndexOf(jump)] = new Instr(back, l);
            }
        }
    }
}
