using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// Computes the maximum stack depth of a list of instructions the way CPython's compiler does for the
/// version (see <see cref="StackDepthRules"/>), recording the depth reached before each instruction.
/// </summary>
public sealed partial class StackDepthAnalyzer
{
    private const int Unvisited = int.MinValue;

    // Blocks up to which the recursive walk runs on the caller's thread: a frame of Walk takes well under 200 bytes, so
    // 2,000 levels stay far inside the smallest stack .NET gives a thread (the thread pool's, 1.5 MB on Linux).
    private const int InlineWalkBlocks = 2000;
    private readonly StackDepthRules rules;
    private readonly IReadOnlyList<FlowInstruction> code;
    private readonly Func<int, string> describe;
    private readonly int[] blockOf;
    private readonly List<int> blockStarts = [];
    private readonly int[] depthBefore;
    private readonly IReadOnlyList<object>? constants;

    /// <summary>Prepares an analysis.</summary>
    /// <param name="rules">The version's rules.</param>
    /// <param name="code">The instructions.</param>
    /// <param name="describe">Renders an instruction for error messages (its index in, text out).</param>
    /// <param name="constants">The code object's constants in their order, when known (see <see cref="StackDepthFoldedConstants.ExtraDepth"/>).</param>
    public StackDepthAnalyzer(StackDepthRules rules, IReadOnlyList<FlowInstruction> code, Func<int, string> describe, IReadOnlyList<object>? constants = null)
    {
        this.constants = constants;
        this.rules = rules;
        this.code = code;
        this.describe = describe;
        blockOf = new int[code.Count + 1];
        depthBefore = new int[code.Count];
        Array.Fill(depthBefore, Unvisited);
        var leader = new bool[code.Count + 1];
        leader[0] = true;
        for (var i = 0; i < code.Count; i++)
        {
            var ins = code[i];
            if (ins.JumpTarget >= 0)
            {
                leader[ins.JumpTarget] = true;
            }

            if (ins.Handler is { } h)
            {
                leader[h.Target] = true;
            }

            if (rules.IsTerminal(ins.Opcode) || ins.JumpTarget >= 0)
            {
                leader[i + 1] = true;
            }
        }

        for (var i = 0; i <= code.Count; i++)
        {
            if (leader[i])
            {
                blockStarts.Add(i);
            }

            blockOf[i] = blockStarts.Count - 1;
        }
    }

    /// <summary>The depth before each instruction (int.MinValue where the analysis never arrived).</summary>
    public IReadOnlyList<int> DepthBefore => depthBefore;

    /// <summary>Runs the analysis and returns the maximum depth.</summary>
    /// <exception cref="StackDepthException">The stack underflows, or an instruction is reached with two depths.</exception>
    public int Run(OpcodeTable table, int flags)
    {
        if (code.Count == 0)
        {
            return 0;
        }

        return Math.Max(rules.MinimumStackSize, rules.LayoutOrder ? RunLayoutOrder() : rules.Recursive ? RunRecursive() : RunIterative(rules.EntryDepth(table, flags)));
    }

    private int BlockEnd(int block) => block + 1 < blockStarts.Count ? blockStarts[block + 1] : code.Count;

    private int RunIterative(int entryDepth)
    {
        var start = new int[blockStarts.Count];
        Array.Fill(start, Unvisited);
        var work = new Stack<int>();
        var maxDepth = 0;
        var inDeadCode = false;

        void Push(int index, int depth, int from)
        {
            if (index >= code.Count)
            {
                return;
            }

            var b = blockOf[index];
            if (rules.StrictDepths && !inDeadCode && start[b] != Unvisited && start[b] != depth)
            {
                throw Fail($"reached with depth {depth} from instruction {from}, but earlier with depth {start[b]}", index, depth);
            }

            // A block already reached is walked again only deeper and (as CPython 3.11+ does) below depth 100,
            // so code whose loops grow the stack cannot keep the analysis going.
            if (start[b] < depth && (start[b] == Unvisited || (start[b] < 100 && !rules.FirstVisitWins)))
            {
                start[b] = depth;
                work.Push(b);
            }
        }

        Push(0, entryDepth, -1);
        while (true)
        {
            Drain();
            if (!rules.AnalyzesDeadCode)
            {
                break;
            }

            // Code no path reaches is still counted by CPython 3.11+ (a handler whose protected range became empty
            // is kept reachable by its setup instruction). Its depth there was consistent with the block it leads to, so
            // it starts at the depth that arrives there with that block's depth; failing that, at the least it needs.
            var dead = Enumerable.Range(0, blockStarts.Count).FirstOrDefault(k => start[k] == Unvisited && blockStarts[k] < code.Count, -1);
            if (dead < 0)
            {
                break;
            }

            inDeadCode = true;
            var least = LeastDepth(dead);
            Push(blockStarts[dead], ArrivalDepth(dead, start) is { } arrival ? Math.Max(least, arrival) : least, -1);
        }

        return maxDepth;

        void Drain()
        {
        while (work.Count > 0)
        {
            var b = work.Pop();
            var depth = start[b];
            var fallsThrough = true;
            FlowHandler? lastHandler = null;
            for (var i = blockStarts[b]; i < BlockEnd(b); i++)
            {
                var ins = code[i];
                depthBefore[i] = depth;
                if (ins.Handler is { } h && h != lastHandler)
                {
                    // The handler is set up where its range starts; it sees the depth the exception table records.
                    if (!rules.CountBefore)
                    {
                        maxDepth = Math.Max(maxDepth, h.StartDepth);
                    }

                    Push(h.Target, h.StartDepth, i);
                    lastHandler = h;
                }

                var effect = Effect(ins, i, jump: false);
                var newDepth = depth + effect;
                if (newDepth < 0)
                {
                    throw Fail("stack underflow", i, depth);
                }

                maxDepth = Math.Max(maxDepth, rules.CountBefore ? depth : newDepth + rules.FoldedConstants.ExtraDepth(code, i, constants));
                if (rules.ReturnConstPeak > 0 && ins.Opcode.Name == "RETURN_CONST")
                {
                    maxDepth = Math.Max(maxDepth, depth + rules.ReturnConstPeak);
                }

                if (ins.JumpTarget >= 0 && !rules.IsNotJump(ins.Opcode))
                {
                    var targetDepth = depth + Effect(ins, i, jump: true);
                    if (targetDepth < 0)
                    {
                        throw Fail("stack underflow at the jump target", i, depth);
                    }

                    if (!rules.CountBefore)
                    {
                        maxDepth = Math.Max(maxDepth, targetDepth);
                    }

                    Push(ins.JumpTarget, targetDepth, i);
                }

                depth = newDepth;
                if (rules.IsTerminal(ins.Opcode))
                {
                    fallsThrough = false;
                    break;
                }
            }

            if (fallsThrough)
            {
                Push(BlockEnd(b), depth, BlockEnd(b) - 1);
            }
        }
        }
    }

    // The start depth with which `block` reaches its successor (its jump target, or the next block when it falls
    // through) at the depth that successor already has; null when the successor's depth is not known yet.
    private int? ArrivalDepth(int block, int[] start)
    {
        var net = 0;
        for (var i = blockStarts[block]; i < BlockEnd(block); i++)
        {
            var ins = code[i];
            if (ins.JumpTarget >= 0 && !rules.IsNotJump(ins.Opcode))
            {
                return ins.JumpTarget < code.Count && start[blockOf[ins.JumpTarget]] is var t && t != Unvisited
                    ? t - net - Effect(ins, i, jump: true)
                    : null;
            }

            if (rules.IsTerminal(ins.Opcode))
            {
                return null;
            }

            net += Effect(ins, i, jump: false);
        }

        var next = BlockEnd(block);
        return next < code.Count && start[blockOf[next]] is var n && n != Unvisited ? n - net : null;
    }

    private int LeastDepth(int block)
    {
        int need = 0, net = 0;
        for (var i = blockStarts[block]; i < BlockEnd(block); i++)
        {
            var op = code[i].Opcode;
            int pops;
            try
            {
                pops = op.StackEffect(op.HasArg ? code[i].Arg : null, false).Pop;
            }
            catch (Exception e) when (e is StackEffectUnavailableException or ArgumentOutOfRangeException)
            {
                pops = 0;
            }

            need = Math.Max(need, pops - net);
            net += Effect(code[i], i, jump: false);
            if (rules.IsTerminal(op))
            {
                break;
            }
        }

        return need;
    }

    // 2.7 and 3.6: depth-first walk; a block is walked again when reached deeper, never while on the current path.
    private int RunRecursive()
    {
        var start = new int[blockStarts.Count];
        Array.Fill(start, Unvisited);
        var seen = new bool[blockStarts.Count];
        var exceptHandlers = new HashSet<int>(code.Where(c => c.Opcode.Name == "SETUP_EXCEPT").Select(c => c.JumpTarget));
        // The walk recurses once per block on the path. Code of a few thousand blocks fits any thread's stack and is walked
        // here; only larger code gets a thread with a large stack (starting one per code object was most of the time a
        // 2.7 model round trip took).
        if (blockStarts.Count <= InlineWalkBlocks)
        {
            return Walk(0, 0, 0);
        }

        var result = 0;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                // Whatever goes wrong on the walk's own thread crosses back to the caller: an exception escaping a
                // worker thread would end the process.
                try
                {
                    result = Walk(0, 0, 0);
                }
                catch (Exception e)
                {
                    failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
            },
            256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        failure?.Throw();

        return result;

        int Walk(int block, int depth, int maxDepth)
        {
            if (seen[block] || start[block] >= depth)
            {
                return maxDepth;
            }

            seen[block] = true;
            start[block] = depth;
            var end = BlockEnd(block);
            var stopped = false;
            for (var i = blockStarts[block]; i < end; i++)
            {
                var ins = code[i];
                depthBefore[i] = Math.Max(depthBefore[i], depth);
                // 2.7 and 3.6 walk on past RETURN_VALUE into whatever follows, where the depth can go below
                // zero; CPython only asserts, so the walk goes on as it does.
                // JUMP_IF_*_OR_POP count as keeping the value (their jump effect); the walk below pops it
                // for the fall-through only, as the compiler's walk does.
                depth += Effect(ins, i, jump: !rules.PlainWalk && ins.Opcode.Name is "JUMP_IF_TRUE_OR_POP" or "JUMP_IF_FALSE_OR_POP");

                maxDepth = Math.Max(maxDepth, depth + rules.FoldedConstants.ExtraDepth(code, i, constants));
                if (rules.ReturnEndsBody && ins.Opcode.Name == "RETURN_VALUE" && i + 1 < code.Count
                    && (code[i + 1].Opcode.Name == "POP_BLOCK" || exceptHandlers.Contains(i + 1)))
                {
                    // A return that ends a loop body or a try body was followed by the jump closing that statement
                    // (JUMP_ABSOLUTE to the loop head, POP_BLOCK + JUMP_FORWARD past the handlers), which the peephole
                    // pass removed as dead code after the depth was computed: the compiler's walk stopped there.
                    stopped = true;
                    break;
                }

                if (ins.JumpTarget >= 0)
                {
                    var targetDepth = depth;
                    switch (rules.PlainWalk ? string.Empty : ins.Opcode.Name)
                    {
                        case "FOR_ITER":
                            targetDepth = depth - 2;
                            break;
                        case "SETUP_FINALLY" or "SETUP_EXCEPT":
                            targetDepth = depth + 3;
                            maxDepth = Math.Max(maxDepth, targetDepth);
                            break;
                        case "JUMP_IF_TRUE_OR_POP" or "JUMP_IF_FALSE_OR_POP" when !rules.OrPopKeepsValue:
                            depth--;
                            break;
                    }

                    if (ins.JumpTarget < code.Count)
                    {
                        maxDepth = Walk(blockOf[ins.JumpTarget], targetDepth, maxDepth);
                    }

                    if (rules.IsTerminal(ins.Opcode))
                    {
                        stopped = true;
                        break;
                    }
                }
            }

            if (!stopped && end < code.Count)
            {
                maxDepth = Walk(blockOf[end], depth, maxDepth);
            }

            seen[block] = false;
            return maxDepth;
        }
    }

    private int Effect(FlowInstruction ins, int index, bool jump)
    {
        try
        {
            return jump ? rules.JumpEffect(ins.Opcode, ins.Arg) : rules.NoJumpEffect(ins.Opcode, ins.Arg);
        }
        catch (StackEffectUnavailableException e)
        {
            throw new StackDepthException($"no stack effect is known ({e.Message})", index, describe(index), 0, Listing());
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new StackDepthException($"argument {ins.Arg} is out of range", index, describe(index), 0, Listing());
        }
    }

    private StackDepthException Fail(string problem, int index, int depth) =>
        new(problem, index, index < code.Count ? describe(index) : "end of code", depth, Listing());

    /// <summary>The code with the depth before each instruction the analysis reached.</summary>
    public string Listing()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < code.Count; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i,5} {describe(i),-40}");
            sb.Append(depthBefore[i] == Unvisited ? " // unreached" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" // depth {depthBefore[i]}"));
            sb.Append('\n');
        }

        return sb.ToString();
    }
}
