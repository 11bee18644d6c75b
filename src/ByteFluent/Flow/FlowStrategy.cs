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

        public override string Name => "block stack (2.7–3.10)";

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
