using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// How CPython's compiler computes <c>co_stacksize</c> in a given version, reproduced on the final instructions:
/// 2.7 and 3.6 walk the flow graph recursively with special cases for FOR_ITER, SETUP_EXCEPT/SETUP_FINALLY and
/// JUMP_IF_*_OR_POP; 3.7–3.10 propagate depths with separate effects for the jump and the fall-through;
/// 3.11+ add exception handlers (from the exception table) and start generators at depth 1 while
/// RETURN_GENERATOR has no stack effect; 3.14+ take the maximum over depths before each instruction.
/// </summary>
public sealed partial class StackDepthRules
{
    private static readonly string[] ExitNames = ["RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE"];
    private static readonly string[] JumpNames = ["JUMP_ABSOLUTE", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT"];

    private readonly Dictionary<string, (int NoJump, int Jump)> overrides;

    private StackDepthRules(PythonVersion version, bool recursive, IEnumerable<string> terminal, Dictionary<string, (int, int)> overrides, bool countBefore, bool handlers, IEnumerable<string> notJumps)
    {
        Version = version;
        Recursive = recursive;
        Terminal = new HashSet<string>(terminal);
        this.overrides = overrides;

        // NOP leaves the stack alone in every version; 2.7, 3.6 and 3.7 report no effect for it only because
        // their compilers insert NOPs after the depth is computed.
        this.overrides.TryAdd("NOP", (0, 0));
        CountBefore = countBefore;
        AnnotationsInArgument = version.Language >= PythonVersion.V3_0 && version.Language < PythonVersion.V3_6;
        UsesExceptionTable = handlers;
        NotJumps = new HashSet<string>(notJumps);
    }

    /// <summary>The version.</summary>
    public PythonVersion Version { get; }

    /// <summary>Whether the rules are those of a PyPy (before 3.9, the CPython walk of its language version).</summary>
    private bool IsPyPy { get; init; }

    /// <summary>2.7 and 3.6: a recursive walk that revisits blocks reached deeper.</summary>
    public bool Recursive { get; }

    /// <summary>Opcodes after which the code is dead (the walk does not fall through).</summary>
    public IReadOnlySet<string> Terminal { get; }

    /// <summary>Whether the maximum is taken over the depths before each instruction (3.14+) rather than after.</summary>
    public bool CountBefore { get; }

    /// <summary>Whether exception handlers come from the exception table (3.11+).</summary>
    public bool UsesExceptionTable { get; }

    /// <summary>
    /// Whether reaching an instruction again with a different depth is an error (3.11+). Before, CPython keeps the
    /// deeper one: the handler targets of SETUP_FINALLY / SETUP_WITH are reached both ways by design.
    /// </summary>
    public bool StrictDepths => UsesExceptionTable;

    /// <summary>
    /// 3.13: RETURN_CONST is formed from LOAD_CONST + RETURN_VALUE after the depth is computed, so it momentarily
    /// holds one more item than its own effect says.
    /// </summary>
    public int ReturnConstPeak => Version == PythonVersion.V3_13 ? 1 : 0;

    /// <summary>
    /// 3.13+ declare a stack size of at least 1, also for code that never pushes anything (a function whose body is
    /// only <c>raise</c>, or <c>while 1: pass</c>): none of the 240,971 code objects of 3.13's standard library (nor
    /// the 54,461 of 3.14's or the 57,920 of 3.15's) has 0, while 3.12 has 9,944 of them.
    /// </summary>
    public int MinimumStackSize => Version >= PythonVersion.V3_13 ? 1 : 0;

    /// <summary>
    /// 3.7: a block keeps the depth it was first reached with. (3.7's with-statement cleanup is reached with two
    /// depths; walking it again deeper would let the extra items flow around loops.)
    /// </summary>
    public bool FirstVisitWins => Version == PythonVersion.V3_7;

    /// <summary>Whether code no path reaches is analysed too, from the least depth it needs (3.11+).</summary>
    public bool AnalyzesDeadCode => UsesExceptionTable;

    /// <summary>
    /// Constants the version's peephole pass folded after the compiler took the depth (2.4–3.9). Measured on the shared
    /// corpora: 2.4–2.6 as 2.7 (flat tuples, not the from-list); 3.0–3.5 as 2.7 but for the annotation names, which the
    /// compiler loads as one constant; PyPy 3.2 none and PyPy 3.5 as 2.7.
    /// </summary>
    public StackDepthFoldedConstants FoldedConstants => foldedConstants ??= FoldedConstantsOf(Version);

    // Read for every instruction: chosen once.
    private StackDepthFoldedConstants? foldedConstants;

    private StackDepthFoldedConstants FoldedConstantsOf(PythonVersion version) => version switch
    {
        _ when version < PythonVersion.V2_4 => StackDepthFoldedConstants.None,
        _ when version <= PythonVersion.V2_7 => StackDepthFoldedConstants.Peephole27,
        _ when IsPyPy && version >= PythonVersion.V3_0 && version < PythonVersion.V3_4 => StackDepthFoldedConstants.None,
        _ when IsPyPy && version >= PythonVersion.V3_0 && version < PythonVersion.V3_6 => StackDepthFoldedConstants.Peephole27,
        _ when version < PythonVersion.V3_6 => StackDepthFoldedConstants.Peephole30,
        _ when version == PythonVersion.V3_6 => StackDepthFoldedConstants.Peephole36,
        _ when version <= PythonVersion.V3_8 => StackDepthFoldedConstants.Peephole37,
        _ when version == PythonVersion.V3_9 => StackDepthFoldedConstants.Peephole39,
        _ => StackDepthFoldedConstants.None,
    };

    /// <summary>Opcodes that have a target but whose target the analysis ignores (3.14+ END_ASYNC_FOR).</summary>
    public IReadOnlySet<string> NotJumps { get; }

    /// <summary>The rules of a version.</summary>
    public static StackDepthRules For(PythonVersion version)
    {
        if (PyPyRules(version) is { } pypy)
        {
            return pypy;
        }

        var v = version.Language;
        if (OldCPythonRules(v) is { } old)
        {
            return old;
        }

        if (v <= PythonVersion.V3_6)
        {
            return new StackDepthRules(v, true, ["JUMP_ABSOLUTE", "JUMP_FORWARD"], [], false, false, [])
            {
                // PyPy's astcompiler is not CPython's compiler: its 3.2 and 3.5 keep the rules measured before these.
                OrPopKeepsValue = !version.IsPyPy && (v == PythonVersion.V3_2 || v == PythonVersion.V3_3),
                IsPyPy = version.IsPyPy,
            };
        }

        if (v <= PythonVersion.V3_10)
        {
            var terminal = new List<string> { "JUMP_ABSOLUTE", "JUMP_FORWARD", "RETURN_VALUE", "RAISE_VARARGS" };
            if (v >= PythonVersion.V3_9)
            {
                terminal.Add("RERAISE");
            }

            // dis.stack_effect of 3.7 reports the larger of the two branches; these are the compiler's per-branch facts.
            var over = v == PythonVersion.V3_7
                ? new Dictionary<string, (int, int)>
                {
                    ["SETUP_EXCEPT"] = (0, 6),
                    ["SETUP_FINALLY"] = (0, 6),
                    ["SETUP_WITH"] = (1, 6),
                    ["SETUP_ASYNC_WITH"] = (0, 5),
                    ["FOR_ITER"] = (1, -1),
                    ["JUMP_IF_TRUE_OR_POP"] = (-1, 0),
                    ["JUMP_IF_FALSE_OR_POP"] = (-1, 0),
                }
                : [];
            return new StackDepthRules(v, false, terminal, over, false, false, []);
        }

        return new StackDepthRules(
            v, false, ExitNames.Concat(JumpNames), [], v >= PythonVersion.V3_14, true,
            v >= PythonVersion.V3_14 ? ["END_ASYNC_FOR"] : []);
    }

    /// <summary>The fall-through stack effect of an instruction.</summary>
    public int NoJumpEffect(Opcode op, int arg) =>
        FactsOf(op, out var facts) is var bits && (bits & Overridden) != 0 ? facts.Overrides[op.Number].NoJump
        : AnnotationsInArgument && IsMakeFunction(op) ? MakeFunctionEffect(op, arg)
        : op.NetStackEffect(op.HasArg ? arg : null, false) + ((bits & Miscounted) != 0 ? facts.Offsets[op.Number] : 0);

    /// <summary>The stack effect of an instruction when it jumps.</summary>
    public int JumpEffect(Opcode op, int arg) =>
        FactsOf(op, out var facts) is var bits && (bits & Overridden) != 0 ? facts.Overrides[op.Number].Jump
        : AnnotationsInArgument && IsMakeFunction(op) ? MakeFunctionEffect(op, arg)
        : ((bits & Miscounted) != 0 ? facts.Offsets[op.Number] : 0)
          + (JumpAddsToEffect ? op.NetStackEffect(op.HasArg ? arg : null, false) + op.NetStackEffect(op.HasArg ? arg : null, true)
             : op.NetStackEffect(op.HasArg ? arg : null, true));

    /// <summary>Whether <paramref name="op"/> is in <see cref="Terminal"/> (an array lookup, not a string hash).</summary>
    internal bool IsTerminal(Opcode op) => (FactsOf(op, out _) & TerminalBit) != 0;

    /// <summary>Whether <paramref name="op"/> is in <see cref="NotJumps"/>.</summary>
    internal bool IsNotJump(Opcode op) => (FactsOf(op, out _) & NotJumpBit) != 0;

    private const byte TerminalBit = 1, NotJumpBit = 2, Overridden = 4, Miscounted = 8;

    // The name-keyed sets as arrays per opcode number, for the table last asked about (the analyses look them up for
    // every instruction; hashing the opcode's name each time was a visible part of assembling).
    private sealed class OpcodeFacts(OpcodeTable table, byte[] bits, (int NoJump, int Jump)[] overrides, int[] offsets)
    {
        public int[] Offsets { get; } = offsets;

        public OpcodeTable Table { get; } = table;

        public byte[] Bits { get; } = bits;

        public (int NoJump, int Jump)[] Overrides { get; } = overrides;
    }

    private OpcodeFacts? facts;

    private byte FactsOf(Opcode op, out OpcodeFacts known)
    {
        var table = op.Table;
        known = facts!;
        if (known is null || !ReferenceEquals(known.Table, table))
        {
            known = Build(table);
            facts = known;
        }

        var n = op.Number;
        return (uint)n < (uint)known.Bits.Length ? known.Bits[n] : Slow(op);
    }

    private byte Slow(Opcode op) => (byte)((Terminal.Contains(op.Name) ? TerminalBit : 0) | (NotJumps.Contains(op.Name) ? NotJumpBit : 0) | (overrides.ContainsKey(op.Name) ? Overridden : 0)
        | (Miscounts.ContainsKey(op.Name) ? Miscounted : 0));

    private OpcodeFacts Build(OpcodeTable table)
    {
        var size = 0;
        foreach (var op in table.Opcodes)
        {
            size = Math.Max(size, op.Number + 1);
        }

        var bits = new byte[size];
        var over = new (int NoJump, int Jump)[size];
        var offsets = new int[size];
        foreach (var op in table.Opcodes)
        {
            bits[op.Number] = Slow(op);
            if (overrides.TryGetValue(op.Name, out var o))
            {
                over[op.Number] = o;
            }

            if (Miscounts.TryGetValue(op.Name, out var m))
            {
                offsets[op.Number] = m;
            }
        }

        return new OpcodeFacts(table, bits, over, offsets);
    }

    /// <summary>The depth a generator or coroutine starts at (3.10: 1 for GEN_START; 3.11+: 1 while RETURN_GENERATOR has no stack effect).</summary>
    public int EntryDepth(OpcodeTable table, int flags)
    {
        const int generatorLike = 0x20 | 0x80 | 0x200;
        if ((flags & generatorLike) == 0 || Version < PythonVersion.V3_10)
        {
            return 0;
        }

        if (Version == PythonVersion.V3_10)
        {
            // GEN_START pops the value sent into the new generator.
            return 1;
        }

        return table.TryGetOpcode("RETURN_GENERATOR", out var rg) && rg.NetStackEffect(null, false) == 0 ? 1 : 0;
    }
}
