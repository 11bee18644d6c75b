using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// How the real interpreter of an era moves the stack, for the per-instruction analysis and the verifier (unlike
/// <see cref="StackDepthRules"/>, which reproduces the compiler's <c>co_stacksize</c> arithmetic):
/// <list type="bullet">
/// <item>2.7–3.7: SETUP_EXCEPT's handler gets the exception (3 items in 2.7; 6 in 3.x, the saved exception too);
/// a finally block (SETUP_FINALLY, SETUP_WITH, SETUP_ASYNC_WITH) is entered by normal flow after
/// <c>POP_BLOCK; LOAD_CONST None</c>, and otherwise by unwinding with a status (a why code, a return value or an
/// exception) that END_FINALLY and the WITH_CLEANUP opcodes consume whatever its size — byteplay's rule: the handler is
/// analysed as reached with one status item (<see cref="StackItemKind.FinallyStatus"/>) when no normal path reaches it.
/// BREAK_LOOP and CONTINUE_LOOP leave through the block stack.</item>
/// <item>3.8–3.10: the compiler's own per-branch effects (BEGIN_FINALLY pushes the six the handler would get).</item>
/// <item>3.11+: handlers from the exception table, with the stack cut to the entry's depth, lasti and the exception.</item>
/// </list>
/// </summary>
internal sealed class StackFlowRules
{
    private static readonly Dictionary<PythonVersion, StackFlowRules> Cache = [];
    private readonly Dictionary<string, (int Pops, int NoJump, int Jump)> overrides = [];

    private StackFlowRules(PythonVersion v)
    {
        Version = v;
        var jumps = new[] { "JUMP_ABSOLUTE", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT" };
        Terminal = new HashSet<string>(jumps.Concat(["RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE", "BREAK_LOOP", "CONTINUE_LOOP"]));
        UnwindJumps = Set(v <= PythonVersion.V3_7 ? ["BREAK_LOOP", "CONTINUE_LOOP"] : []);
        DeferredHandlers = Set(v <= PythonVersion.V3_7 ? ["SETUP_FINALLY", "SETUP_WITH", "SETUP_ASYNC_WITH"] : []);
        ExceptHandlers = Set(v <= PythonVersion.V3_7 ? ["SETUP_EXCEPT"] : v <= PythonVersion.V3_10 ? ["SETUP_FINALLY", "SETUP_WITH", "SETUP_ASYNC_WITH"] : []);
        NotJumps = Set(v >= PythonVersion.V3_14 ? ["END_ASYNC_FOR"] : []);
        UsesExceptionTable = v >= PythonVersion.V3_11;
        DynamicEndFinally = v <= PythonVersion.V3_7;
        var handlerItems = v == PythonVersion.V2_7 ? 3 : 6;
        if (v <= PythonVersion.V3_7)
        {
            overrides["SETUP_EXCEPT"] = (0, 0, handlerItems);
            overrides["SETUP_FINALLY"] = (0, 0, 1);
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

            if (v >= PythonVersion.V3_6)
            {
                overrides["JUMP_IF_TRUE_OR_POP"] = (1, -1, 0);
                overrides["JUMP_IF_FALSE_OR_POP"] = (1, -1, 0);
            }
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

    /// <summary>2.7–3.7: setups whose handler (a finally block) is seeded with one status item only when no normal path reaches it.</summary>
    public IReadOnlySet<string> DeferredHandlers { get; }

    /// <summary>Setups (before 3.11) whose target is an exception handler, entered with the exception on top.</summary>
    public IReadOnlySet<string> ExceptHandlers { get; }

    /// <summary>Opcodes with a target the flow ignores (3.14+ END_ASYNC_FOR).</summary>
    public IReadOnlySet<string> NotJumps { get; }

    /// <summary>3.11+: handlers from the exception table.</summary>
    public bool UsesExceptionTable { get; }

    /// <summary>2.7–3.7: END_FINALLY pops what it finds (a status: 1; an exception: re-raises).</summary>
    public bool DynamicEndFinally { get; }

    /// <summary>The compiler's rules of the version (entry depth).</summary>
    public StackDepthRules Stack { get; }

    /// <summary>The rules of a version.</summary>
    public static StackFlowRules For(PythonVersion v)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(v, out var r))
            {
                r = new StackFlowRules(v);
                Cache[v] = r;
            }

            return r;
        }
    }

    /// <summary>Items popped and the net effect of an instruction (fall-through or jump).</summary>
    /// <exception cref="StackEffectUnavailableException">Nothing is known about the opcode's effect.</exception>
    public (int Pops, int Net) Effect(Opcode op, int arg, bool jump)
    {
        if (overrides.TryGetValue(op.Name, out var o))
        {
            return (o.Pops, jump ? o.Jump : o.NoJump);
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
