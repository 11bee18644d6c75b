using ByteFluent.Model;

namespace ByteFluent.Flow;

public sealed partial class ControlFlowGraph
{
    /// <summary>Inserts an empty block at <paramref name="index"/> of <see cref="Blocks"/>, under the given exception regions (default: none).</summary>
    public BasicBlock InsertBlock(int index, IEnumerable<ExceptionRegion>? regions = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, blocks.Count);
        var block = new BasicBlock(this, regions is null ? [] : [.. regions]);
        blocks.Insert(index, block);
        Invalidate();
        return block;
    }

    /// <summary>Adds an empty block at the end.</summary>
    public BasicBlock AddBlock(IEnumerable<ExceptionRegion>? regions = null) => InsertBlock(blocks.Count, regions);

    /// <summary>
    /// Removes a block. Jumps, set-ups and handlers that enter it must have been redirected first; a block that fell
    /// through into it falls through into the block after it.
    /// </summary>
    /// <exception cref="InvalidOperationException">An edge other than a fall-through still enters the block.</exception>
    public void RemoveBlock(BasicBlock block)
    {
        var entering = Own(block).Predecessors.FirstOrDefault(e => e.Kind != EdgeKind.FallThrough);
        if (entering is not null)
        {
            throw new InvalidOperationException($"{block.Name} cannot be removed: {entering} still enters it; redirect it first");
        }

        blocks.Remove(block);
        Invalidate();
    }

    /// <summary>
    /// Splits <paramref name="block"/> before its <paramref name="instructionIndex"/>-th instruction (0-based, counting
    /// real instructions; the line markers just before it move too). The new block follows it, under the same
    /// regions, and is entered by falling through.
    /// </summary>
    /// <returns>The new block (the second half).</returns>
    public BasicBlock SplitBlock(BasicBlock block, int instructionIndex)
    {
        Own(block);
        var count = block.InstructionCount;
        if (instructionIndex <= 0 || instructionIndex >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(instructionIndex), instructionIndex, $"{block.Name} has {count} instructions; a split needs at least one on each side");
        }

        // The item position just after the (instructionIndex-1)-th instruction.
        int seen = 0, at = 0;
        for (; at < block.Items.Count; at++)
        {
            if (block.Items[at] is Instr && seen++ == instructionIndex - 1)
            {
                at++;
                break;
            }
        }

        var second = new BasicBlock(this, [.. block.Regions]);
        while (at < block.Items.Count)
        {
            second.Items.AddUnchecked(block.Items[at]);
            block.Items.RemoveAt(at);
        }

        blocks.Insert(blocks.IndexOf(block) + 1, second);
        Invalidate();
        return second;
    }

    /// <summary>
    /// Merges <paramref name="second"/> into <paramref name="first"/>: <paramref name="second"/> must come right
    /// after it, be entered only from it (by falling through, or by a jump that ends <paramref name="first"/>, which
    /// is then dropped), and be under the same exception regions. The merged block keeps <paramref name="first"/>'s
    /// header; <paramref name="second"/>'s line markers move into the body, its labels (now unused) go.
    /// </summary>
    /// <exception cref="InvalidOperationException">The blocks cannot be merged (see the conditions above).</exception>
    public void MergeBlocks(BasicBlock first, BasicBlock second)
    {
        Own(first);
        Own(second);
        if (IndexOf(second) != IndexOf(first) + 1)
        {
            throw new InvalidOperationException($"{second.Name} does not follow {first.Name}");
        }

        if (!first.Regions.SequenceEqual(second.Regions))
        {
            throw new InvalidOperationException($"{first.Name} and {second.Name} are under different exception regions");
        }

        var outgoing = first.Successors.Where(e => e.Kind is not EdgeKind.Exception).ToList();
        if (outgoing.Count != 1 || outgoing[0].Target != second || outgoing[0].Kind is not (EdgeKind.FallThrough or EdgeKind.Jump))
        {
            throw new InvalidOperationException($"{first.Name} does not go only to {second.Name}");
        }

        if (second.Predecessors.Any(e => e.Source != first))
        {
            throw new InvalidOperationException($"{second.Name} is entered from other blocks too");
        }

        if (outgoing[0].Kind == EdgeKind.Jump)
        {
            var last = first.Items.IndexOf(first.LastInstruction!);
            first.Items.RemoveAt(last);
        }

        foreach (var item in second.HeaderItems)
        {
            if (item is SetLineno)
            {
                first.Items.AddUnchecked(item);
            }
        }

        foreach (var item in second.Items)
        {
            first.Items.AddUnchecked(item);
        }

        blocks.Remove(second);
        Invalidate();
    }

    /// <summary>Makes the jump (or SETUP_*) that ends <paramref name="block"/> go to <paramref name="target"/>.</summary>
    /// <exception cref="InvalidOperationException">The block does not end with an instruction that has a jump argument.</exception>
    public void RedirectJump(BasicBlock block, BasicBlock target)
    {
        Own(block);
        Own(target);
        var last = block.LastInstruction;
        if (last?.Arg is not Label)
        {
            throw new InvalidOperationException($"{block.Name} does not end with a jump");
        }

        block.Items[block.Items.IndexOf(last)] = new Instr(last.Opcode, target.EnsureLabel()) { MinimumPrefixes = last.MinimumPrefixes };
    }

    /// <summary>
    /// Sends the control that <paramref name="edge"/> describes to <paramref name="target"/> instead: a jump, conditional
    /// or set-up by changing the instruction's label; a 3.11+ exception edge by replacing the block's innermost region
    /// with one to the new handler (same depth and lasti); a 2.7–3.10 exception edge by changing the label of the SETUP_*
    /// that pushed the handler's block (<see cref="FlowEdge.SetupBlock"/>, so every block it protects moves along, and that
    /// block is returned); a fall-through by ending the source with an unconditional
    /// jump (in a new block after it when it ends with a conditional jump).
    /// </summary>
    /// <returns>The block that now holds the edge's source instruction (a new block for a conditional's fall-through).</returns>
    public BasicBlock RedirectEdge(FlowEdge edge, BasicBlock target)
    {
        ArgumentNullException.ThrowIfNull(edge);
        var source = Own(edge.Source);
        Own(target);
        switch (edge.Kind)
        {
            case EdgeKind.Jump or EdgeKind.Conditional or EdgeKind.Setup:
                RedirectJump(source, target);
                return source;
            case EdgeKind.Exception when edge.SetupBlock is { } setup:
                RedirectJump(Own(setup), target);
                return setup;
            case EdgeKind.Exception:
                var old = source.Handler!;
                var regions = source.Regions.ToList();
                regions[^1] = new ExceptionRegion(target.EnsureLabel(), old.Depth, old.Lasti);
                source.Regions = regions;
                return source;
            case EdgeKind.FallThrough:
                return AddJumpAfter(source, target);
            default:
                throw new InvalidOperationException($"a {edge.Kind} edge leaves the code object; it has no target to change");
        }
    }

    /// <summary>
    /// Puts the blocks in <paramref name="order"/> (every block once). With <paramref name="keepFlow"/> (the default),
    /// a block whose fall-through successor no longer follows it gets an unconditional jump there (in a new block after
    /// it when it ends with a conditional jump, a SETUP_* or a 3.8 CALL_FINALLY, whose return address is the next
    /// instruction), so the code does what it did. The only blocks that must stay adjacent are those fall-through
    /// edges join; 2.7–3.10's block stack is dynamic (a handler or a loop's end is found through the block SETUP_*
    /// pushed, not by position), so its exception and break edges follow any order, but the relative jumps of that era
    /// (FOR_ITER, SETUP_*) reach only forward (a JUMP_FORWARD that must go back becomes JUMP_ABSOLUTE when written).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="order"/> is not a permutation of <see cref="Blocks"/>, or it puts the target of a forward-only jump (<see cref="FlowStrategy.ForwardOnly"/>) at or before it.</exception>
    public void Reorder(IEnumerable<BasicBlock> order, bool keepFlow = true)
    {
        ArgumentNullException.ThrowIfNull(order);
        var list = order.ToList();
        if (list.Count != blocks.Count || list.Distinct().Count() != list.Count || list.Any(b => b.Graph != this || IndexOf(b) < 0))
        {
            throw new ArgumentException("the order must hold every block of the graph exactly once", nameof(order));
        }

        var at = new Dictionary<BasicBlock, int>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < list.Count; k++)
        {
            at[list[k]] = k;
        }

        foreach (var b in list)
        {
            if (b.LastInstruction is { Arg: Label l } last && Strategy.ForwardOnly(last.Opcode) && BlockOf(l) is { } target && at[target] <= at[b])
            {
                throw new ArgumentException($"{last.Opcode.Name} in {b.Name} jumps only forward: its target {target.Name} must stay after it", nameof(order));
            }
        }

        var fallsTo = blocks.ToDictionary(b => b, b => b.Successors.FirstOrDefault(e => e.Kind == EdgeKind.FallThrough)?.Target);
        blocks.Clear();
        blocks.AddRange(list);
        Invalidate();
        if (!keepFlow)
        {
            return;
        }

        foreach (var b in list)
        {
            if (fallsTo[b] is { } want && (IndexOf(b) + 1 >= blocks.Count || blocks[IndexOf(b) + 1] != want))
            {
                AddJumpAfter(b, want);
            }
        }
    }

    // Makes `source`, which falls through, go to `target` instead with an unconditional jump.
    private BasicBlock AddJumpAfter(BasicBlock source, BasicBlock target)
    {
        var label = target.EnsureLabel();
        var last = source.LastInstruction;
        var holder = source;
        if (last is not null && EndsBlock(last))
        {
            holder = InsertBlock(IndexOf(source) + 1, source.Regions);
        }

        var forward = IndexOf(target) > IndexOf(holder);
        holder.Items.Add(new Instr(Strategy.UnconditionalJump(Table, forward), label));
        Invalidate();
        return holder;
    }

    private BasicBlock Own(BasicBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Graph != this || IndexOf(block) < 0)
        {
            throw new ArgumentException($"{block} is not a block of this graph", nameof(block));
        }

        return block;
    }
}
