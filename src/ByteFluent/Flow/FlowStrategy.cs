using ByteFluent.Versions;

namespace ByteFluent.Flow;

/// <summary>
/// How one era of CPython's bytecode passes control, as data over the opcode table: an opcode with a jump argument
/// (the table's <c>hasjrel</c>/<c>hasjabs</c>/<c>hasjump</c>) is conditional unless the era names it unconditional,
/// a handler or loop set-up, a call or a reference; opcodes without one fall through unless the era names them as
/// returns or raises. Two eras: <see cref="BlockStack"/> (2.7–3.10, handlers pushed by SETUP_* instructions) and
/// <see cref="ExceptionTable"/> (3.11+, handlers from the exception table's regions). Later versions take the
/// newest era's rules and their own table's sets.
/// </summary>
public abstract class FlowStrategy
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OpcodeTable, InstructionFlow[]> Cache = [];

    private protected FlowStrategy()
    {
    }

    /// <summary>2.7–3.10: a block stack; SETUP_* instructions name their handler (or a loop's end) as their target.</summary>
    public static FlowStrategy BlockStack { get; } = new BlockStackFlow();

    /// <summary>3.11+: exception regions of the exception table name the handlers; every jump is control flow except 3.14's END_ASYNC_FOR.</summary>
    public static FlowStrategy ExceptionTable { get; } = new ExceptionTableFlow();

    /// <summary>The era's name.</summary>
    public abstract string Name { get; }

    /// <summary>Whether handlers come from exception regions (<see cref="Model.TryBegin"/>/<see cref="Model.TryEnd"/>) rather than SETUP_* targets.</summary>
    public abstract bool UsesExceptionRegions { get; }

    /// <summary>The strategy of a version.</summary>
    public static FlowStrategy For(PythonVersion version) => version >= PythonVersion.V3_11 ? ExceptionTable : BlockStack;

    /// <summary>What <paramref name="op"/> does to control flow (an array lookup after the first call per table).</summary>
    public InstructionFlow Classify(Opcode op)
    {
        var table = Cache.GetValue(op.Table, Build);
        var n = op.Number;
        return n < table.Length ? table[n] : InstructionFlow.Next;
    }

    /// <summary>The unconditional jump opcode to add where a block must reach <paramref name="forward"/>-ward target explicitly.</summary>
    public abstract Opcode UnconditionalJump(OpcodeTable table, bool forward);

    /// <summary>For a jump whose direction is part of its opcode (3.11+ *_FORWARD/*_BACKWARD), the opcode going the other way; null otherwise.</summary>
    public virtual Opcode? Reversed(Opcode op) => null;

    /// <summary>What <paramref name="op"/> does to the 2.7–3.10 block stack (nothing in the exception-table era).</summary>
    internal BlockStackEffect BlockEffect(Opcode op) => Classify(op) switch
    {
        InstructionFlow.SetupHandler => BlockStackEffect.PushHandler,
        InstructionFlow.SetupLoop => BlockStackEffect.PushLoop,
        InstructionFlow.BreakLoop => BlockStackEffect.Break,
        _ => BlockStackOps.TryGetValue(op.Name, out var e) ? e : BlockStackEffect.None,
    };

    /// <summary>
    /// 2.7–3.10: the stack depth a handler's block keeps (its <c>b_level</c>), relative to the depth before the
    /// SETUP_* instruction that pushed it: 0, except SETUP_ASYNC_WITH, which pops the awaited <c>__aenter__</c>
    /// result before pushing the block (SETUP_WITH replaces the context manager by its <c>__exit__</c> first).
    /// </summary>
    internal virtual int HandlerLevel(Opcode setup) => 0;

    /// <summary>The era's block-stack opcodes other than the SETUP_* and BREAK_LOOP ones (POP_BLOCK, CONTINUE_LOOP).</summary>
    private protected virtual IReadOnlyDictionary<string, BlockStackEffect> BlockStackOps { get; } = new Dictionary<string, BlockStackEffect>();

    /// <summary>
    /// The opcode to use instead of <paramref name="op"/> when its target lies behind it (<paramref name="backward"/>,
    /// the same block included) or ahead: 3.11+ the *_FORWARD/*_BACKWARD twin; 2.7–3.10 JUMP_ABSOLUTE for a
    /// JUMP_FORWARD that must go back. Null when <paramref name="op"/> already fits.
    /// </summary>
    public virtual Opcode? ForDirection(Opcode op, bool backward)
    {
        if (Reversed(op) is not { } other)
        {
            return null;
        }

        return op.Name.Contains("BACKWARD", StringComparison.Ordinal) == backward ? null : other;
    }

    /// <summary>
    /// Whether <paramref name="op"/>'s target must lie after it and no other opcode can take its place (2.7–3.10: the
    /// relative jumps FOR_ITER, SETUP_*, 3.8 CALL_FINALLY; JUMP_FORWARD becomes JUMP_ABSOLUTE instead). False in the
    /// exception-table era, whose direction rules <see cref="ForDirection"/> covers.
    /// </summary>
    public virtual bool ForwardOnly(Opcode op) => false;

    /// <summary>Names of the era's unconditional jumps.</summary>
    private protected abstract IReadOnlySet<string> Unconditional { get; }

    /// <summary>The era's classification of opcodes named specially (everything else follows the table's jump sets).</summary>
    private protected abstract IReadOnlyDictionary<string, InstructionFlow> Named { get; }

    private InstructionFlow[] Build(OpcodeTable table)
    {
        var max = 0;
        foreach (var op in table.Opcodes)
        {
            max = Math.Max(max, op.Number);
        }

        var result = new InstructionFlow[max + 1];
        foreach (var op in table.Opcodes)
        {
            var jumps = op.HasJrel || op.HasJabs || op.HasJump;
            result[op.Number] = Named.TryGetValue(op.Name, out var named) ? named
                : jumps ? (Unconditional.Contains(op.Name) ? InstructionFlow.Jump : InstructionFlow.Conditional)
                : InstructionFlow.Next;
        }

        return result;
    }

    private sealed class BlockStackFlow : FlowStrategy
    {
        private static readonly HashSet<string> Jumps = ["JUMP_ABSOLUTE", "JUMP_FORWARD", "CONTINUE_LOOP"];

        private static readonly Dictionary<string, InstructionFlow> Special = new(StringComparer.Ordinal)
        {
            ["SETUP_EXCEPT"] = InstructionFlow.SetupHandler,
            ["SETUP_FINALLY"] = InstructionFlow.SetupHandler,
            ["SETUP_WITH"] = InstructionFlow.SetupHandler,
            ["SETUP_ASYNC_WITH"] = InstructionFlow.SetupHandler,
            ["SETUP_LOOP"] = InstructionFlow.SetupLoop,
            ["CALL_FINALLY"] = InstructionFlow.Call,
            ["RETURN_VALUE"] = InstructionFlow.Return,
            ["RAISE_VARARGS"] = InstructionFlow.Raise,
            ["RERAISE"] = InstructionFlow.Raise,
            ["END_FINALLY"] = InstructionFlow.NextOrRaise,
            ["BREAK_LOOP"] = InstructionFlow.BreakLoop,
        };

        private static readonly Dictionary<string, BlockStackEffect> Ops = new(StringComparer.Ordinal)
        {
            ["POP_BLOCK"] = BlockStackEffect.Pop,
            ["CONTINUE_LOOP"] = BlockStackEffect.Continue,
        };

        public override string Name => "block stack (2.7–3.10)";

        private protected override IReadOnlyDictionary<string, BlockStackEffect> BlockStackOps => Ops;

        internal override int HandlerLevel(Opcode setup) => setup.Name == "SETUP_ASYNC_WITH" ? -1 : 0;

        public override Opcode? ForDirection(Opcode op, bool backward) =>
            backward && op.Name == "JUMP_FORWARD" && op.Table.TryGetOpcode("JUMP_ABSOLUTE", out var back) ? back : null;

        public override bool ForwardOnly(Opcode op) => op.HasJrel && op.Name != "JUMP_FORWARD";

        public override bool UsesExceptionRegions => false;

        private protected override IReadOnlySet<string> Unconditional => Jumps;

        private protected override IReadOnlyDictionary<string, InstructionFlow> Named => Special;

        public override Opcode UnconditionalJump(OpcodeTable table, bool forward) =>
            forward ? table["JUMP_FORWARD"] : table["JUMP_ABSOLUTE"];
    }

    private sealed class ExceptionTableFlow : FlowStrategy
    {
        private static readonly HashSet<string> Jumps =
            ["JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT"];

        private static readonly Dictionary<string, InstructionFlow> Special = new(StringComparer.Ordinal)
        {
            ["RETURN_VALUE"] = InstructionFlow.Return,
            ["RETURN_CONST"] = InstructionFlow.Return,
            ["RAISE_VARARGS"] = InstructionFlow.Raise,
            ["RERAISE"] = InstructionFlow.Raise,
            ["END_ASYNC_FOR"] = InstructionFlow.NextWithReference,
        };

        public override string Name => "exception table (3.11+)";

        public override bool UsesExceptionRegions => true;

        private protected override IReadOnlySet<string> Unconditional => Jumps;

        private protected override IReadOnlyDictionary<string, InstructionFlow> Named => Special;

        public override Opcode UnconditionalJump(OpcodeTable table, bool forward) =>
            forward ? table["JUMP_FORWARD"] : table["JUMP_BACKWARD"];

        public override Opcode? Reversed(Opcode op)
        {
            var name = op.Name;
            var other = name.Contains("FORWARD", StringComparison.Ordinal) ? name.Replace("FORWARD", "BACKWARD", StringComparison.Ordinal)
                : name.Contains("BACKWARD", StringComparison.Ordinal) ? name.Replace("BACKWARD", "FORWARD", StringComparison.Ordinal)
                : null;
            return other is not null && op.Table.TryGetOpcode(other, out var r) ? r : null;
        }
    }
}
