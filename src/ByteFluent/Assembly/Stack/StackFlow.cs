using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>A problem the flow analysis found at an instruction.</summary>
internal sealed record FlowProblem(int Index, string Problem, string Expected, string Actual, int Depth);

/// <summary>
/// The per-instruction stack analysis: propagates the stack (depth and item kinds) over every path the real interpreter
/// can take — fall-through, jumps, exception handlers (3.11+ exception table; earlier, the SETUP_* targets; see
/// <see cref="StackFlowRules"/>) — requiring one depth wherever paths join. Records the first problem (underflow, a
/// join with two depths, falling off the end, END_FINALLY without a status) and does not follow that path further.
/// </summary>
internal sealed class StackFlow
{
    private readonly IReadOnlyList<FlowInstruction> code;
    private readonly StackFlowRules rules;
    private readonly StackShape?[] before;
    private readonly StackShape?[] after;
    private readonly BlockStack?[] blocks;
    private readonly bool[] reached;
    private readonly int[] arrivedFrom;
    private readonly Stack<int> work;
    private List<FlowProblem>? problems;

    // With scratch, the arrays are the scratch's (longer than the code; the views below have the code's length).
    private StackFlow(IReadOnlyList<FlowInstruction> code, StackFlowRules rules, StackFlowScratch? scratch)
    {
        this.code = code;
        this.rules = rules;
        var n = code.Count;
        if (scratch is null)
        {
            before = new StackShape?[n];
            after = new StackShape?[n];
            blocks = new BlockStack?[n];
            reached = new bool[n];
            arrivedFrom = new int[n];
            work = new Stack<int>();
            Before = before;
            After = after;
            Blocks = blocks;
            Reached = reached;
            return;
        }

        scratch.Prepare(n);
        before = scratch.Before;
        after = scratch.After;
        blocks = scratch.Blocks;
        reached = scratch.Reached;
        arrivedFrom = scratch.ArrivedFrom;
        work = scratch.Work;
        Before = new ArraySegment<StackShape?>(before, 0, n);
        After = new ArraySegment<StackShape?>(after, 0, n);
        Blocks = new ArraySegment<BlockStack?>(blocks, 0, n);
        Reached = new ArraySegment<bool>(reached, 0, n);
    }

    /// <summary>The stack before each instruction (null where unreached or where the analysis stopped).</summary>
    public IReadOnlyList<StackShape?> Before { get; }

    /// <summary>The stack after each instruction on its fall-through path (for a jump or return: after its own effect).</summary>
    public IReadOnlyList<StackShape?> After { get; }

    /// <summary>2.7–3.10: the block stack before each instruction (null where empty, unreached, or for other eras).</summary>
    public IReadOnlyList<BlockStack?> Blocks { get; }

    /// <summary>Whether each instruction is reached.</summary>
    public IReadOnlyList<bool> Reached { get; }

    /// <summary>The problems found, in the order found.</summary>
    public IReadOnlyList<FlowProblem> Problems => (IReadOnlyList<FlowProblem>?)problems ?? [];

    /// <summary>The largest depth reached before or after any instruction.</summary>
    public int MaxDepth { get; private set; }

    /// <summary>Runs the analysis from the first instruction.</summary>
    public static StackFlow Run(IReadOnlyList<FlowInstruction> code, PythonVersion version, int flags) => Run(code, version, flags, null);

    /// <summary>As <see cref="Run(IReadOnlyList{FlowInstruction}, PythonVersion, int)"/>, in <paramref name="scratch"/>'s arrays (valid until it is reused).</summary>
    public static StackFlow Run(IReadOnlyList<FlowInstruction> code, PythonVersion version, int flags, StackFlowScratch? scratch)
    {
        // 2.7–3.8 handlers entered only by unwinding are seeded one at a time. When a seeded one turns out to have a
        // normal entry after all (reached through another seeded block), the analysis starts again with that handler
        // seeded last, so that its normal entry decides its depth.
        HashSet<int>? late = null;
        var rules = StackFlowRules.For(version);
        while (true)
        {
            var flow = new StackFlow(code, rules, scratch) { late = late };
            if (code.Count > 0)
            {
                StackShape? entry = null;
                for (var i = 0; i < flow.rules.EntryDepth(flags); i++)
                {
                    entry = StackShape.Push(entry, StackItemKind.Value);
                }

                flow.Arrive(0, entry, -1, null);
                flow.Drain();
            }

            if (flow.restartWith is not { } again || !(late ??= []).Add(again))
            {
                return flow;
            }
        }
    }

    // 2.7–3.8's seeded handlers (see Run); allocated only where there are some.
    private HashSet<int>? late;
    private HashSet<int>? seededTargets;
    private int? restartWith;

    private void Drain()
    {
        while (true)
        {
            while (work.Count > 0)
            {
                Step(work.Pop());
            }

            // 2.7–3.8: a handler no normal path reaches is entered by unwinding (see StackFlowRules); one at a time,
            // in code order, those to be seeded late last.
            if (!SeedOne(lateOnes: false) && !SeedOne(lateOnes: true))
            {
                return;
            }
        }
    }

    private bool SeedOne(bool lateOnes)
    {
        for (var i = 0; i < code.Count; i++)
        {
            var ins = code[i];
            if (!reached[i] || ins.JumpTarget < 0 || ins.JumpTarget >= code.Count || reached[ins.JumpTarget] || (late?.Contains(ins.JumpTarget) == true) != lateOnes)
            {
                continue;
            }

            var facts = rules.FactsOf(ins.Opcode);
            var status = (facts & FlowFacts.DeferredHandler) != 0;
            if ((status || (facts & FlowFacts.DeferredExceptHandler) != 0) && Transfer(ins, i, before[i], jump: true, out var t))
            {
                (seededTargets ??= []).Add(ins.JumpTarget);

                // Entered by an exception, a 3.x handler gets its EXCEPT_HANDLER block; by a status (return, break, a
                // silenced exception's with-cleanup seen as one item), no block.
                var entered = Retop(t, status ? StackItemKind.FinallyStatus : StackItemKind.Exception);
                Arrive(ins.JumpTarget, status ? entered : MarkSaved(entered), i, status ? blocks[i] : HandlerEntry(blocks[i], entered));
                return true;
            }
        }

        return false;
    }

    private void Step(int i)
    {
        var ins = code[i];
        var s = before[i];
        var d = StackShape.DepthOf(s);
        var name = ins.Opcode.Name;
        var b = blocks[i];
        var facts = rules.FactsOf(ins.Opcode);

        if (ins.Handler is { } h && h.Target < code.Count && (h.Depth <= d || (facts & FlowFacts.CannotRaise) == 0))
        {
            if (h.Depth > d)
            {
                Problem(i, "exception region deeper than the stack", $"the region's depth {h.Depth} at most the stack depth", $"depth {d}", d);
                return;
            }

            var at = StackShape.Pop(s, d - h.Depth);
            if (h.Lasti)
            {
                at = StackShape.Push(at, StackItemKind.ReturnAddress);
            }

            Arrive(h.Target, StackShape.Push(at, StackItemKind.Exception), i, null);
        }

        if (rules.Blocks.Tracks && !BlockRules(ins, i, s, ref b))
        {
            return;
        }

        if (rules.DynamicEndFinally && name == "END_FINALLY")
        {
            EndFinally(i, s, b);
            return;
        }

        if (rules.DynamicEndFinally && name == "POP_FINALLY" && PopFinally(ins, s) is { } popped)
        {
            after[i] = popped;
            FallThrough(i, popped, b is { Kind: BlockKind.ExceptHandler } ? b.Below : b);
            return;
        }

        // FOR_ITER takes the iterator from the deepest item it pops: the top before 3.15, the item under GET_ITER's NULL
        // (or index) from 3.15.
        if (name == "FOR_ITER" && rules.ChecksIteratorKind && IteratorPosition(ins) is var iterAt && d >= iterAt
            && StackShape.Peek(s, iterAt) is not (StackItemKind.Iterator or StackItemKind.Local))
        {
            // The interpreter calls the item's tp_iternext unchecked: anything but an iterator crashes it.
            Problem(i, "FOR_ITER without an iterator", iterAt == 1 ? "the iterator GET_ITER pushed (or a local holding one) on top" : $"the iterator GET_ITER pushed (or a local holding one) as item {iterAt} from the top", $"{StackShape.Peek(s, iterAt)} there", d);
            return;
        }

        if (name == "FOR_ITER" && rules.ForIterExit.Count > 0 && !ExitsToEndFor(ins.JumpTarget))
        {
            Problem(i, "FOR_ITER's exit is not END_FOR", $"{string.Join(" then ", rules.ForIterExit)} at the target (the exhausted iterator skips {(rules.ForIterExit.Count == 1 ? "it" : "them")})", TargetText(ins.JumpTarget), d);
            return;
        }

        if (!Transfer(ins, i, s, jump: false, out var next))
        {
            return;
        }

        var fallBlocks = b;
        if (rules.Blocks.Tracks && rules.Blocks.Setups.TryGetValue(name, out var above))
        {
            if (BlockStack.CountOf(b) >= BlockStackRules.MaxBlocks)
            {
                Problem(i, "block stack overflow", $"at most {BlockStackRules.MaxBlocks} nested blocks (CO_MAXBLOCKS)", $"a block on {BlockStack.CountOf(b)}", d);
                return;
            }

            fallBlocks = BlockStack.Push(b, BlockKind.Setup, StackShape.DepthOf(next) - above, name);
        }

        after[i] = next;
        Track(next);
        if (ins.JumpTarget >= 0 && (facts & (FlowFacts.NotJump | FlowFacts.UnwindJump | FlowFacts.DeferredHandler | FlowFacts.DeferredExceptHandler)) == 0)
        {
            if (ins.JumpTarget >= code.Count)
            {
                Problem(i, "jump target outside the code", $"a target within the {code.Count} instructions", $"target {ins.JumpTarget}", d);
                return;
            }

            if (Transfer(ins, i, s, jump: true, out var taken))
            {
                var takenBlocks = b;
                if ((facts & FlowFacts.ExceptHandler) != 0)
                {
                    taken = MarkSaved(Retop(taken, StackItemKind.Exception));
                    takenBlocks = HandlerEntry(b, taken);
                }

                Track(taken);
                Arrive(ins.JumpTarget, taken, i, takenBlocks);
            }
        }

        if ((facts & FlowFacts.Terminal) == 0)
        {
            FallThrough(i, next, fallBlocks);
        }
    }

    private void FallThrough(int i, StackShape? next, BlockStack? b)
    {
        if (i + 1 >= code.Count)
        {
            Problem(i, "falls off the end of the code", "a return, raise or jump", "the last instruction continuing", StackShape.DepthOf(next));
            return;
        }

        Arrive(i + 1, next, i, b);
    }

    // 3.x: a handler entered by an exception gets an EXCEPT_HANDLER block below the six items it is given.
    private BlockStack? HandlerEntry(BlockStack? b, StackShape? entered) => rules.Blocks.Tracks && rules.Blocks.HandlerBlocks
        ? BlockStack.Push(b, BlockKind.ExceptHandler, StackShape.DepthOf(entered) - rules.Blocks.HandlerItems, "except handler")
        : b;

    private int IteratorPosition(FlowInstruction ins)
    {
        try
        {
            return Math.Max(1, rules.Effect(ins.Opcode, ins.Arg, jump: false).Pops);
        }
        catch (StackEffectUnavailableException)
        {
            return 1;
        }
    }

    // 3.x: of the six items a handler gets, the lower three save the exception handled before (POP_EXCEPT restores them).
    private StackShape? MarkSaved(StackShape? entered)
    {
        if (!rules.Blocks.Tracks || !rules.Blocks.HandlerBlocks || StackShape.DepthOf(entered) < 6)
        {
            return entered;
        }

        var kinds = StackShape.All(entered);
        var level = kinds.Length - 6;
        kinds[level] = kinds[level + 1] = kinds[level + 2] = StackItemKind.SavedException;
        return StackShape.PushAll(null, kinds);
    }

    private bool ExitsToEndFor(int target)
    {
        for (var k = 0; k < rules.ForIterExit.Count; k++)
        {
            if (target < 0 || target + k >= code.Count || code[target + k].Opcode.Name != rules.ForIterExit[k])
            {
                return false;
            }
        }

        return true;
    }

    private string TargetText(int target) => target < 0 || target >= code.Count ? $"target {target} outside the code" : $"{code[target].Opcode.Name} at the target";

    /// <summary>
    /// 2.7–3.10 (<see cref="BlockStackRules"/>): checks instruction <paramref name="i"/> against the block stack and
    /// gives the block stack after it in <paramref name="b"/> (for POP_BLOCK, POP_EXCEPT, END_ASYNC_FOR); false after a problem.
    /// </summary>
    private bool BlockRules(FlowInstruction ins, int i, StackShape? s, ref BlockStack? b)
    {
        var name = ins.Opcode.Name;
        var d = StackShape.DepthOf(s);
        var r = rules.Blocks;
        switch (name)
        {
            case "POP_BLOCK":
                if (b is not { Kind: BlockKind.Setup })
                {
                    Problem(i, "POP_BLOCK without a block", "a block set up by SETUP_* on top of the block stack", b is null ? "no block (a fatal error in the interpreter)" : "an except handler's block (POP_EXCEPT removes it)", d);
                    return false;
                }

                if (r.PopBlockCutsStack && d != b.Level)
                {
                    Problem(i, "POP_BLOCK off the block's level", $"depth {b.Level}, where {b.Opcode} set the block up (POP_BLOCK cuts the stack there)", $"depth {d}", d);
                    return false;
                }

                b = b.Below;
                return true;
            case "POP_EXCEPT" when r.HandlerBlocks:
                if (b is not { Kind: BlockKind.ExceptHandler })
                {
                    Problem(i, "POP_EXCEPT without an except handler block", "the block an exception handler is entered with", b is null ? "no block" : $"the block of {b.Opcode}", d);
                    return false;
                }

                if (r.PopExceptCutsStack ? d != b.Level + 3 : d < b.Level + 3)
                {
                    Problem(i, "POP_EXCEPT off the handler's level", $"depth {(r.PopExceptCutsStack ? "" : "at least ")}{b.Level + 3} (the handler's level {b.Level} and the saved exception)", $"depth {d}", d);
                    return false;
                }

                if (StackShape.Top(s, 3).Any(k => k != StackItemKind.SavedException))
                {
                    // 3.8-3.10 pop the three items on top into the thread's exception state: anything else there corrupts it.
                    Problem(i, "POP_EXCEPT without the saved exception on top", "the three items saving the previous exception on top (a value kept below them by ROT_FOUR)", string.Join(", ", StackShape.Top(s, 3)), d);
                    return false;
                }

                b = b.Below;
                return true;
            case var _ when r.HandlerBlockPoppers.Contains(name):
                if (b is not { Kind: BlockKind.ExceptHandler })
                {
                    Problem(i, $"{name} without an except handler block", "the block its SETUP_FINALLY's handler is entered with", b is null ? "no block" : $"the block of {b.Opcode}", d);
                    return false;
                }

                b = b.Below;
                return true;
        }

        if (b is not null && (rules.FactsOf(ins.Opcode) & FlowFacts.CannotRaise) == 0)
        {
            // What the instruction consumes: its net effect when negative (GET_ANEXT, DUP_TOP and the like read items they
            // leave in place). A raising instruction has consumed them when the interpreter unwinds.
            int net;
            try
            {
                net = rules.Effect(ins.Opcode, ins.Arg, jump: false).Net;
            }
            catch (Exception e) when (e is StackEffectUnavailableException or ArgumentOutOfRangeException)
            {
                return true;
            }

            if (d + Math.Min(0, net) < r.Floor(b))
            {
                Problem(i, "stack below the block's level", $"at least {r.Floor(b)} item(s) left under {BlockStack.Describe(b)} (unwinding cuts the stack to the block's level)", $"depth {d}, {d + Math.Min(0, net)} after the instruction", d);
                return false;
            }
        }

        return true;
    }

    // 2.7–3.8: with the exception on top it re-raises; with None or a finally status (3.8: NULL or a return address) it pops that one item.
    /// <summary>
    /// 3.8's POP_FINALLY (break, continue or return inside a finally block) removes the block's status: one item when
    /// the block was entered normally, the six of an exception when it was entered by one; with a non-zero argument
    /// the value on top stays. <see langword="null"/> when the status is not an exception (the table's effect applies).
    /// </summary>
    private static StackShape? PopFinally(FlowInstruction ins, StackShape? s)
    {
        var keep = ins.Arg != 0 ? 1 : 0;
        var d = StackShape.DepthOf(s);
        if (d < keep + 6 || StackShape.Peek(s, keep + 1) != StackItemKind.Exception)
        {
            return null;
        }

        var rest = StackShape.Pop(s, keep + 6);
        return keep == 1 ? StackShape.Push(rest, StackShape.Peek(s, 1)) : rest;
    }

    private void EndFinally(int i, StackShape? s, BlockStack? b)
    {
        var d = StackShape.DepthOf(s);
        var top = d > 0 ? s!.Kind : StackItemKind.Value;
        switch (top)
        {
            case StackItemKind.Exception when d >= 3:
                // Re-raises.
                after[i] = StackShape.Pop(s, 3);
                return;
            case StackItemKind.ReturnAddress:
                // 3.8: returns to the instruction after its CALL_FINALLY.
                after[i] = StackShape.Pop(s, 1);
                return;
            case StackItemKind.NoneConstant or StackItemKind.FinallyStatus or StackItemKind.Null:
                var next = StackShape.Pop(s, 1);
                after[i] = next;
                FallThrough(i, next, b);
                return;
            default:
                Problem(i, "END_FINALLY without a finally status", "None, a finally block's status or an exception (3 items) on top", d == 0 ? "an empty stack" : $"{top} at depth {d}", d);
                return;
        }
    }

    private bool Transfer(FlowInstruction ins, int i, StackShape? s, bool jump, out StackShape? result)
    {
        result = null;
        var d = StackShape.DepthOf(s);
        int pops, net;
        try
        {
            (pops, net) = rules.Effect(ins.Opcode, ins.Arg, jump);
        }
        catch (Exception e) when (e is StackEffectUnavailableException or ArgumentOutOfRangeException)
        {
            Problem(i, "no stack effect is known", "an opcode with a known stack effect", e.Message, d);
            return false;
        }

        if (d < pops || d + net < 0)
        {
            Problem(i, "stack underflow", $"at least {Math.Max(pops, -net)} item(s)", $"depth {d}", d);
            return false;
        }

        result = (rules.FactsOf(ins.Opcode) & FlowFacts.KnownKinds) != 0 ? Kinds(ins, s, pops, pops + net, jump) : Values(s, pops, pops + net);
        return true;
    }

    // Most instructions pop what they use and push plain values (no name switch for them).
    private static StackShape? Values(StackShape? s, int pops, int pushes)
    {
        var result = StackShape.Pop(s, pops);
        for (var k = 0; k < pushes; k++)
        {
            result = StackShape.Push(result, StackItemKind.Value);
        }

        return result;
    }

    // The kinds after an instruction: copies and rotations keep them; a few opcodes push known kinds.
    private static StackShape? Kinds(FlowInstruction ins, StackShape? s, int pops, int pushes, bool jump)
    {
        var n = ins.Arg;
        switch (ins.Opcode.Name)
        {
            case "DUP_TOP" when pushes == pops + 1:
                return StackShape.Push(s, StackShape.Peek(s, 1));
            case "LIST_APPEND" or "SET_ADD" or "MAP_ADD" when pushes < pops:
                // They consume the item(s) on top and leave the items below (the list, a comprehension's iterator) as they were.
                return StackShape.Pop(s, pops - pushes);
            case "DUP_TOP_TWO" when pushes == pops + 2:
                return StackShape.PushAll(s, StackShape.Top(s, 2));
            case "DUP_TOPX" when pushes == pops + n:
                return StackShape.PushAll(s, StackShape.Top(s, n));
            case "COPY" when n >= 1 && pops >= n:
                return StackShape.Push(s, StackShape.Peek(s, n));
            case "SWAP" when n >= 1 && pops >= n:
            {
                var top = StackShape.Top(s, n);
                (top[0], top[^1]) = (top[^1], top[0]);
                return StackShape.PushAll(StackShape.Pop(s, n), top);
            }

            case "ROT_TWO" or "ROT_THREE" or "ROT_FOUR" or "ROT_N" when pops == pushes && pops >= 1:
            {
                var top = StackShape.Top(s, pops);
                var moved = top[^1];
                Array.Copy(top, 0, top, 1, top.Length - 1);
                top[0] = moved;
                return StackShape.PushAll(StackShape.Pop(s, pops), top);
            }

            case "FOR_ITER" when pushes == pops + 1:
                // The iterator (3.15: and the NULL or index above it) stays; the next value goes on top.
                return StackShape.Push(s, StackItemKind.Value);
            case "WITH_EXCEPT_START" when pushes == pops + 1:
                // It reads the exit function and the exception and leaves them (3.9-3.10: over the saved exception).
                return StackShape.Push(s, StackItemKind.Value);
            case "MAKE_FUNCTION" when pushes == 1 && StackShape.Top(s, pops).Contains(StackItemKind.GeneratorFunction):
                return StackShape.Push(StackShape.Pop(s, pops), StackItemKind.GeneratorFunction);
            case "SET_FUNCTION_ATTRIBUTE" when pushes == 1 && pops == 2:
                // The function stays on top.
                return StackShape.Push(StackShape.Pop(s, 2), StackShape.Peek(s, 1));
            case "CALL" when pushes == 1 && pops >= 1 && StackShape.Peek(s, pops) == StackItemKind.GeneratorFunction:
                // Calling a generator function makes a generator, an iterator.
                return StackShape.Push(StackShape.Pop(s, pops), StackItemKind.Iterator);
            case "GET_ITER" when pushes == 2 && pops == 1:
                // 3.15: the iterator, then a NULL (or the index a list or tuple is walked with).
                return StackShape.Push(StackShape.Push(StackShape.Pop(s, 1), StackItemKind.Iterator), StackItemKind.Null);
            case "WITH_CLEANUP" or "WITH_CLEANUP_START" or "WITH_CLEANUP_FINISH" when pops >= 2 && StackShape.Peek(s, ins.Opcode.Name == "WITH_CLEANUP_FINISH" ? 3 : 1) is var status:
            {
                // 2.7–3.7: the status the with-cleanup started with stays where the exit function was.
                var rest = StackShape.Pop(s, pops);
                var kinds = new StackItemKind[pushes];
                Array.Fill(kinds, StackItemKind.Value);
                if (pushes > 0)
                {
                    kinds[0] = status;
                }

                if (pushes > 1 && ins.Opcode.Name == "WITH_CLEANUP_START")
                {
                    kinds[1] = status;
                }

                return StackShape.PushAll(rest, kinds);
            }
        }

        var result = StackShape.Pop(s, pops);
        var kind = ins.Opcode.Name switch
        {
            "LOAD_CONST" when ins.Constant is PyNone => StackItemKind.NoneConstant,
            "LOAD_CONST" when ins.Constant is Model.Code { Flags: var f } && (f & Model.Code.CoGenerator) != 0 => StackItemKind.GeneratorFunction,
            "PUSH_NULL" or "BEGIN_FINALLY" => StackItemKind.Null,
            "GET_ITER" or "GET_YIELD_FROM_ITER" or "GET_AITER" => StackItemKind.Iterator,
            "LOAD_FAST" or "LOAD_FAST_BORROW" or "LOAD_FAST_CHECK" => StackItemKind.Local,
            "CALL_FINALLY" when jump => StackItemKind.ReturnAddress,
            _ => StackItemKind.Value,
        };
        for (var k = 0; k < pushes; k++)
        {
            result = StackShape.Push(result, kind);
        }

        return result;
    }

    private static StackShape? Retop(StackShape? s, StackItemKind kind) => s is null ? null : StackShape.Push(s.Below, kind);

    private void Track(StackShape? s) => MaxDepth = Math.Max(MaxDepth, StackShape.DepthOf(s));

    private void Arrive(int index, StackShape? s, int from, BlockStack? b)
    {
        if (!reached[index])
        {
            reached[index] = true;
            before[index] = s;
            blocks[index] = b;
            arrivedFrom[index] = from;
            Track(s);
            work.Push(index);
            return;
        }

        var old = before[index];
        if (StackShape.DepthOf(old) != StackShape.DepthOf(s))
        {
            if (seededTargets?.Contains(index) == true && late?.Contains(index) != true)
            {
                restartWith ??= index;
            }

            var first = arrivedFrom[index] < 0 ? "at the start" : $"from instruction {arrivedFrom[index]}";
            Problem(
                index,
                "reached with two stack depths",
                $"depth {StackShape.DepthOf(old)} (as {first})",
                $"depth {StackShape.DepthOf(s)} from instruction {from}",
                StackShape.DepthOf(s));
            return;
        }

        if (!BlockStack.Same(blocks[index], b))
        {
            if (seededTargets?.Contains(index) == true && late?.Contains(index) != true)
            {
                restartWith ??= index;
            }

            var first = arrivedFrom[index] < 0 ? "at the start" : $"from instruction {arrivedFrom[index]}";
            Problem(index, "reached with two block stacks", $"{BlockStack.Describe(blocks[index])} (as {first})", $"{BlockStack.Describe(b)} from instruction {from}", StackShape.DepthOf(s));
            return;
        }

        var merged = StackShape.Merge(old, s);
        if (!ReferenceEquals(merged, old))
        {
            before[index] = merged;
            work.Push(index);
        }
    }

    private void Problem(int index, string problem, string expected, string actual, int depth)
    {
        problems ??= [];
        if (problems.Count < 16)
        {
            problems.Add(new FlowProblem(index, problem, expected, actual, depth));
        }
    }
}
