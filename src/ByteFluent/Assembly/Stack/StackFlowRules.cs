using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// How the real interpreter of an era moves the stack, for the per-instruction analysis and the verifier (unlike
/// <see cref="StackDepthRules"/>, which reproduces the compiler's <c>co_stacksize</c> arithmetic):
/// <list type="bullet">
/// <item>2.7–3.7: SETUP_EXCEPT's handler gets the exception (3 items in 2.7; 6 in 3.x, the saved exception too);
/// a finally block (SETUP_FINALLY, SETUP_WITH, SETUP_ASYNC_WITH) is entered by normal flow after
/// <c>POP_BLOCK; LOAD_CONST None</c>, and otherwise by unwinding with a status (a why code, a return value or an
/// exception) that END_FINALLY and the WITH_CLEANUP opcodes consume whatever its size. A finally block is analysed from
/// its normal entry; with none, from the exception (END_FINALLY then re-raises); a with-cleanup with no normal entry is
/// analysed with one status item (byteplay's rule, <see cref="StackItemKind.FinallyStatus"/>), since the exit function may
/// silence the exception.
/// BREAK_LOOP and CONTINUE_LOOP leave through the block stack.</item>
/// <item>3.8: the same, with BEGIN_FINALLY's NULL and CALL_FINALLY's return address as the statuses.</item>
/// <item>3.9–3.10: the compiler's own per-branch effects; SETUP_* targets get the exception.</item>
/// <item>3.11+: handlers from the exception table, with the stack cut to the entry's depth, lasti and the exception.</item>
/// </list>
/// </summary>
internal sealed class StackFlowRules
{
    private static readonly Dictionary<PythonVersion, StackFlowRules> Cache = [];
    private static StackFlowRules? last;
    private readonly Dictionary<string, (int Pops, int NoJump, int Jump)> overrides = [];

    private StackFlowRules(PythonVersion v)
    {
        Version = v;
        var jumps = new[] { "JUMP_ABSOLUTE", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT" };
        Terminal = new HashSet<string>(jumps.Concat(["RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE", "BREAK_LOOP", "CONTINUE_LOOP"]));
        UnwindJumps = Set(v <= PythonVersion.V3_7 ? ["BREAK_LOOP", "CONTINUE_LOOP"] : []);
        DeferredHandlers = Set(v <= PythonVersion.V3_8 ? ["SETUP_WITH", "SETUP_ASYNC_WITH"] : []);
        DeferredExceptHandlers = Set(v <= PythonVersion.V3_8 ? ["SETUP_FINALLY"] : []);
        ExceptHandlers = Set(v <= PythonVersion.V3_7 ? ["SETUP_EXCEPT"] : v <= PythonVersion.V3_8 ? [] : v <= PythonVersion.V3_10 ? ["SETUP_FINALLY", "SETUP_WITH", "SETUP_ASYNC_WITH"] : []);
        NotJumps = Set(v >= PythonVersion.V3_14 ? ["END_ASYNC_FOR"] : v == PythonVersion.V3_8 ? ["CALL_FINALLY"] : []);
        UsesExceptionTable = v >= PythonVersion.V3_11;
        DynamicEndFinally = v <= PythonVersion.V3_8;
        ChecksIteratorKind = v <= PythonVersion.V3_13;
        ForIterExit = v == PythonVersion.V3_12 || v >= PythonVersion.V3_14 ? ["END_FOR"] : v == PythonVersion.V3_13 ? ["END_FOR", "POP_TOP"] : [];
        Blocks = BlockStackRules.For(v);
        var handlerItems = v == PythonVersion.V2_7 ? 3 : 6;
        if (v <= PythonVersion.V3_7)
        {
            overrides["SETUP_EXCEPT"] = (0, 0, handlerItems);
            overrides["SETUP_FINALLY"] = (0, 0, handlerItems);
            overrides["SETUP_WITH"] = (1, 1, 1);
            overrides["SETUP_ASYNC_WITH"] = (1, 0, 0);
            overrides["SETUP_LOOP"] = (0, 0, 0);
            overrides["FOR_ITER"] = (1, 1, -1);
            overrides["END_FINALLY"] = (1, -1, -1);
            if (v == PythonVersion.V2_7)
            {
                overrides["WITH_CLEANUP"] = (2, -1, -1);
            }
            else
            {
                overrides["WITH_CLEANUP_START"] = (2, 1, 1);
                overrides["WITH_CLEANUP_FINISH"] = (3, -2, -2);
                overrides["POP_EXCEPT"] = (3, -3, -3);
            }

            overrides["JUMP_IF_TRUE_OR_POP"] = (1, -1, 0);
            overrides["JUMP_IF_FALSE_OR_POP"] = (1, -1, 0);
        }

        if (v == PythonVersion.V3_8)
        {
            // 3.8's compiler counts six items for every finally status; the interpreter pushes one (BEGIN_FINALLY's NULL,
            // CALL_FINALLY's return address), which END_FINALLY, POP_FINALLY and the WITH_CLEANUP opcodes consume.
            overrides["SETUP_WITH"] = (1, 1, 1);
            overrides["SETUP_ASYNC_WITH"] = (1, 0, 0);
            overrides["BEGIN_FINALLY"] = (0, 1, 1);
            overrides["END_FINALLY"] = (1, -1, -1);
            overrides["WITH_CLEANUP_START"] = (2, 1, 1);
            overrides["WITH_CLEANUP_FINISH"] = (3, -2, -2);
        }

        overrides["NOP"] = (0, 0, 0);
        Stack = StackDepthRules.For(v);
    }

    /// <summary>The version.</summary>
    public PythonVersion Version { get; }

    private static HashSet<string> Set(string[] names) => new(names, StringComparer.Ordinal);

    /// <summary>Opcodes after which control does not fall through.</summary>
    public IReadOnlySet<string> Terminal { get; }

    /// <summary>2.7–3.7 BREAK_LOOP / CONTINUE_LOOP: they leave through the block stack, whose target depth is the block's.</summary>
    public IReadOnlySet<string> UnwindJumps { get; }

    /// <summary>2.7–3.8 SETUP_WITH / SETUP_ASYNC_WITH: a with-cleanup no normal path reaches is entered with one status item (the exit may silence the exception, and the code goes on after it).</summary>
    public IReadOnlySet<string> DeferredHandlers { get; }

    /// <summary>2.7–3.8 SETUP_FINALLY: a finally block (3.8: or except handler) no normal path reaches is entered with the exception, and END_FINALLY re-raises it.</summary>
    public IReadOnlySet<string> DeferredExceptHandlers { get; }

    /// <summary>Setups (before 3.11) whose target is an exception handler, entered with the exception on top.</summary>
    public IReadOnlySet<string> ExceptHandlers { get; }

    /// <summary>
    /// Opcodes with a target the flow ignores: 3.14+ END_ASYNC_FOR; 3.8 CALL_FINALLY, a subroutine call whose finally
    /// block returns to the next instruction with the same depth (the block itself is analysed from its normal entry, or
    /// from the exception when it has none).
    /// </summary>
    public IReadOnlySet<string> NotJumps { get; }

    /// <summary>3.11+: handlers from the exception table.</summary>
    public bool UsesExceptionTable { get; }

    /// <summary>2.7–3.8: END_FINALLY pops what it finds (a status: 1; an exception: re-raises).</summary>
    public bool DynamicEndFinally { get; }

    /// <summary>
    /// Whether FOR_ITER's operand must be an iterator by the tracked item kinds: 2.7–3.13. The kinds follow 3.15's NULL
    /// (or index) beside the iterator and generator functions into their calls, but 3.14+ corpora still have FOR_ITERs
    /// over items the kinds call plain values (298 code objects of 3.14, 364 of 3.15, mostly inlined
    /// <c>any(... for ...)</c>), so the check stays off there until they are followed.
    /// </summary>
    public bool ChecksIteratorKind { get; }

    /// <summary>
    /// 3.12+: the instructions an exhausted FOR_ITER skips at its target. The interpreter does not run them: 3.12 and
    /// 3.13 pop the iterator and jump past END_FOR (3.13: END_FOR and POP_TOP), 3.14+ jump past END_FOR and leave the
    /// iterator to POP_ITER. The stack the verifier follows through them is the real one only when they are there.
    /// </summary>
    public IReadOnlyList<string> ForIterExit { get; }

    /// <summary>The block stack rules of the era (2.7–3.10).</summary>
    public BlockStackRules Blocks { get; }

    /// <summary>The compiler's rules of the version (entry depth).</summary>
    public StackDepthRules Stack { get; }

    /// <summary>
    /// Instructions that never raise, so never take their exception edge (nor, 2.7–3.10, unwind a block: copying or
    /// rotating items of an enclosing block is harmless). CPython's compiler relies on it: 3.14+
    /// generator expressions keep the StopIteration handler (depth 2) over the final <c>LOAD_COMMON_CONSTANT None;
    /// RETURN_VALUE</c>, run at depth 0.
    /// </summary>
    public static bool CannotRaise(string name) => name is "LOAD_CONST" or "LOAD_COMMON_CONSTANT" or "LOAD_SMALL_INT" or "LOAD_FAST"
        or "LOAD_FAST_BORROW" or "LOAD_FAST_LOAD_FAST" or "LOAD_FAST_BORROW_LOAD_FAST_BORROW" or "STORE_FAST" or "STORE_FAST_LOAD_FAST"
        or "STORE_FAST_STORE_FAST" or "POP_TOP" or "END_FOR" or "POP_ITER" or "NOP" or "NOT_TAKEN" or "RETURN_VALUE" or "RETURN_CONST"
        or "COPY" or "SWAP" or "PUSH_NULL" or "DUP_TOP" or "DUP_TOP_TWO" or "DUP_TOPX" or "ROT_TWO" or "ROT_THREE" or "ROT_FOUR" or "ROT_N";

    /// <summary>The rules of a version.</summary>
    public static StackFlowRules For(PythonVersion v)
    {
        // Asked once per verified code object: the last answer first, without the lock.
        if (last is { } known && known.Version == v)
        {
            return known;
        }

        lock (Cache)
        {
            if (!Cache.TryGetValue(v, out var r))
            {
                r = new StackFlowRules(v);
                Cache[v] = r;
            }

            return last = r;
        }
    }

    /// <summary>The name-keyed sets an opcode is in (an array lookup by number, not a string hash per instruction).</summary>
    internal FlowFacts FactsOf(Opcode op)
    {
        var known = facts;
        if (known is null || !ReferenceEquals(known.Table, op.Table))
        {
            facts = known = new OpcodeFacts(op.Table, BuildFacts(op.Table));
        }

        var n = op.Number;
        return (uint)n < (uint)known.Bits.Length ? known.Bits[n] : FactsOf(op.Name);
    }

    // For the table last asked about (replaced as a whole, so a racing reader sees one table's facts).
    private sealed class OpcodeFacts(OpcodeTable table, FlowFacts[] bits)
    {
        public OpcodeTable Table { get; } = table;

        public FlowFacts[] Bits { get; } = bits;
    }

    private OpcodeFacts? facts;

    private FlowFacts[] BuildFacts(OpcodeTable table)
    {
        var size = 0;
        foreach (var op in table.Opcodes)
        {
            size = Math.Max(size, op.Number + 1);
        }

        var bits = new FlowFacts[size];
        foreach (var op in table.Opcodes)
        {
            bits[op.Number] = FactsOf(op.Name);
        }

        return bits;
    }

    private FlowFacts FactsOf(string name) =>
        (Terminal.Contains(name) ? FlowFacts.Terminal : 0)
        | (UnwindJumps.Contains(name) ? FlowFacts.UnwindJump : 0)
        | (DeferredHandlers.Contains(name) ? FlowFacts.DeferredHandler : 0)
        | (DeferredExceptHandlers.Contains(name) ? FlowFacts.DeferredExceptHandler : 0)
        | (ExceptHandlers.Contains(name) ? FlowFacts.ExceptHandler : 0)
        | (NotJumps.Contains(name) ? FlowFacts.NotJump : 0)
        | (CannotRaise(name) ? FlowFacts.CannotRaise : 0)
        | (overrides.ContainsKey(name) ? FlowFacts.Overridden : 0)
        | (KindNames.Contains(name) ? FlowFacts.KnownKinds : 0);

    // The opcodes StackFlow gives item kinds other than "a value" (its Kinds switch); the others pop and push values.
    private static readonly HashSet<string> KindNames = new(
        ["DUP_TOP", "LIST_APPEND", "SET_ADD", "MAP_ADD", "DUP_TOP_TWO", "DUP_TOPX", "COPY", "SWAP", "ROT_TWO", "ROT_THREE", "ROT_FOUR", "ROT_N",
         "FOR_ITER", "WITH_EXCEPT_START", "MAKE_FUNCTION", "SET_FUNCTION_ATTRIBUTE", "CALL", "GET_ITER", "WITH_CLEANUP", "WITH_CLEANUP_START",
         "WITH_CLEANUP_FINISH", "LOAD_CONST", "PUSH_NULL", "BEGIN_FINALLY", "GET_YIELD_FROM_ITER", "GET_AITER", "LOAD_FAST", "LOAD_FAST_BORROW",
         "LOAD_FAST_CHECK", "CALL_FINALLY"],
        StringComparer.Ordinal);

    /// <summary>Items popped and the net effect of an instruction (fall-through or jump).</summary>
    /// <exception cref="StackEffectUnavailableException">Nothing is known about the opcode's effect.</exception>
    public (int Pops, int Net) Effect(Opcode op, int arg, bool jump)
    {
        if ((FactsOf(op) & FlowFacts.Overridden) != 0 && overrides.TryGetValue(op.Name, out var o))
        {
            return (o.Pops, jump ? o.Jump : o.NoJump);
        }

        if (Version == PythonVersion.V3_8 && op.Name == "POP_FINALLY")
        {
            // Pops the finally status; with a non-zero argument the value above it stays on top.
            return (arg != 0 ? 2 : 1, -1);
        }

        var oparg = op.HasArg ? arg : (int?)null;
        var net = op.NetStackEffect(oparg, jump);
        if (op.Name == "RETURN_GENERATOR" && net == 0)
        {
            // 3.11/3.12: the value sent into the new generator is on the stack when it resumes after RETURN_GENERATOR.
            net = 1;
        }

        int pops;
        try
        {
            pops = op.StackEffect(oparg, jump).Pop;
        }
        catch (StackEffectUnavailableException)
        {
            pops = Math.Max(0, -net);
        }

        return (pops, net);
    }

    /// <summary>The depth code starts at: 1 for 3.10 generators (GEN_START pops the value sent in), else 0.</summary>
    public int EntryDepth(int flags)
    {
        const int generatorLike = 0x20 | 0x80 | 0x200;
        return Version == PythonVersion.V3_10 && (flags & generatorLike) != 0 ? 1 : 0;
    }
}

/// <summary>The sets of <see cref="StackFlowRules"/> an opcode is in.</summary>
[Flags]
internal enum FlowFacts : ushort
{
    /// <summary>In none.</summary>
    None = 0,

    /// <summary><see cref="StackFlowRules.Terminal"/>.</summary>
    Terminal = 1,

    /// <summary><see cref="StackFlowRules.UnwindJumps"/>.</summary>
    UnwindJump = 2,

    /// <summary><see cref="StackFlowRules.DeferredHandlers"/>.</summary>
    DeferredHandler = 4,

    /// <summary><see cref="StackFlowRules.DeferredExceptHandlers"/>.</summary>
    DeferredExceptHandler = 8,

    /// <summary><see cref="StackFlowRules.ExceptHandlers"/>.</summary>
    ExceptHandler = 16,

    /// <summary><see cref="StackFlowRules.NotJumps"/>.</summary>
    NotJump = 32,

    /// <summary><see cref="StackFlowRules.CannotRaise"/>.</summary>
    CannotRaise = 64,

    /// <summary>The rules override the table's stack effect.</summary>
    Overridden = 128,

    /// <summary>The flow gives the items it pushes kinds of their own (or keeps those it copies).</summary>
    KnownKinds = 256,
}
