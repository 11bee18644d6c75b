namespace ByteFluent.Versions;

/// <summary>
/// One opcode of one <see cref="OpcodeTable"/>: the table and the opcode number. Its <see cref="ToString"/> is the
/// CPython name (like byteplay's <c>Opcode</c>, an <c>int</c> whose repr is its name). Two opcodes are equal when they
/// belong to the same table and have the same number, so <c>Python311.SWAP != Python312.SWAP</c>.
/// </summary>
/// <remarks>
/// Take opcodes from a generated class (<c>Python312.LOAD_FAST</c>) or a table (<c>table["LOAD_FAST"]</c>,
/// <c>table[124]</c>). Every property is an array lookup. <c>default(Opcode)</c> is not an opcode: every member but
/// <see cref="IsValid"/>, <see cref="ToString"/> and equality throws <see cref="UninitializedOpcodeException"/>.
/// </remarks>
public readonly struct Opcode : IEquatable<Opcode>, IComparable<Opcode>
{
    private readonly OpcodeTable? _table;
    private readonly int _number;

    internal Opcode(OpcodeTable table, int number)
    {
        _table = table;
        _number = number;
    }

    /// <summary>Whether this is a real opcode of a table rather than <c>default(Opcode)</c>.</summary>
    public bool IsValid => _table is not null;

    /// <summary>The table the opcode belongs to.</summary>
    public OpcodeTable Table => _table ?? throw new UninitializedOpcodeException();

    /// <summary>The bytecode version of the opcode's table.</summary>
    public PythonVersion Version => Table.Version;

    /// <summary>The opcode number (<c>opcode.opmap[name]</c>).</summary>
    public int Number => _table is null ? throw new UninitializedOpcodeException() : _number;

    /// <summary>The CPython name, e.g. <c>LOAD_FAST</c>.</summary>
    public string Name => Info.Name;

    /// <summary>Real, specialized, instrumented or pseudo.</summary>
    public OpcodeCategory Category => Info.Category;

    /// <summary>Whether the opcode may appear in a <c>.pyc</c> (it is neither specialized, instrumented nor pseudo).</summary>
    public bool IsReal => Info.Category == OpcodeCategory.Real;

    /// <summary>Whether the opcode takes an argument (<c>opcode.hasarg</c>, or <c>number &gt;= HAVE_ARGUMENT</c> before 3.12).</summary>
    public bool HasArg => Info.HasArg;

    /// <summary>Inline cache code units that follow the instruction (3.11+; 0 otherwise).</summary>
    public int CacheEntries => Info.CacheEntries;

    /// <summary>What the argument means.</summary>
    public OpcodeArgumentKind ArgumentKind => Info.ArgumentKind;

    /// <summary>The named values of the argument (BINARY_OP operators, intrinsics, ...); empty when it has none.</summary>
    public IReadOnlyList<ArgumentName> ArgumentNames => Info.ArgumentNames;

    /// <summary>Whether the opcode is in <c>hasconst</c>.</summary>
    public bool HasConst => Has(KnownSets.Const);

    /// <summary>Whether the opcode is in <c>hasname</c>.</summary>
    public bool HasName => Has(KnownSets.Name);

    /// <summary>Whether the opcode is in <c>haslocal</c>.</summary>
    public bool HasLocal => Has(KnownSets.Local);

    /// <summary>Whether the opcode is in <c>hasfree</c>.</summary>
    public bool HasFree => Has(KnownSets.Free);

    /// <summary>Whether the opcode is in <c>hascompare</c>.</summary>
    public bool HasCompare => Has(KnownSets.Compare);

    /// <summary>Whether the opcode is in <c>hasjrel</c>.</summary>
    public bool HasJrel => Has(KnownSets.Jrel);

    /// <summary>Whether the opcode is in <c>hasjabs</c>.</summary>
    public bool HasJabs => Has(KnownSets.Jabs);

    /// <summary>Whether the opcode jumps: in <c>hasjump</c> (3.13+), or in <c>hasjrel</c> or <c>hasjabs</c>.</summary>
    public bool HasJump => Has(KnownSets.Jump);

    /// <summary>Whether the opcode is in <c>hasexc</c> (3.12+).</summary>
    public bool HasExc => Has(KnownSets.Exc);

    /// <summary>Whether the opcode is in <c>hasnargs</c>.</summary>
    public bool HasNargs => Has(KnownSets.Nargs);

    /// <summary>For a specialized opcode, the real opcode it specializes; otherwise <see langword="null"/>.</summary>
    public Opcode? Deopt => Info.Deopt is { } d ? new Opcode(Table, d) : null;

    /// <summary>For a pseudo opcode, the real opcodes it may become (when the table knows them); otherwise empty.</summary>
    public IReadOnlyList<Opcode> PseudoTargets => Info.Targets;

    /// <summary>Whether the table has a stack effect for this opcode.</summary>
    public bool HasStackEffect => Info.NoJump is not null && Info.Pops is not null;

    /// <summary>The net stack effect when the instruction does not jump, as a function of its argument.</summary>
    public StackFormula? NoJumpEffect => Info.NoJump;

    /// <summary>The net stack effect when the instruction jumps (equal to <see cref="NoJumpEffect"/> where the jump makes no difference).</summary>
    public StackFormula? JumpEffect => Info.Jump ?? Info.NoJump;

    /// <summary>How many items the instruction pops, as a function of its argument.</summary>
    public StackFormula? PopsFormula => Info.Pops;

    private OpcodeInfo Info => (_table ?? throw new UninitializedOpcodeException()).InfoAt(_number);

    /// <summary>Whether the opcode is in the named <c>has*</c> set of its version.</summary>
    /// <exception cref="UnknownOpcodeSetException">The version does not define the set.</exception>
    public bool IsIn(string setName) => Table.GetSet(setName).Contains(this);

    /// <summary>
    /// byteplay's <c>getse</c>: how many items the instruction pops and pushes, for an argument and a branch.
    /// </summary>
    /// <param name="oparg">The argument; may be <see langword="null"/> when the effect does not depend on it.</param>
    /// <param name="jump"><see langword="true"/>: the jump is taken; <see langword="false"/>: it is not;
    /// <see langword="null"/>: the larger of the two, as <c>dis.stack_effect</c> does.</param>
    /// <exception cref="StackEffectUnavailableException">The table has no stack effect for the opcode, or the argument is needed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oparg"/> is negative.</exception>
    public OpcodeStackEffect StackEffect(int? oparg = null, bool? jump = null)
    {
        var info = Info;
        if (info.Pops is not { } pops)
        {
            throw new StackEffectUnavailableException(this, "its table has no pop count for it.");
        }

        var arg = ResolveOparg(info, oparg);
        var popped = pops.Evaluate(arg);
        return new OpcodeStackEffect(popped, popped + Net(info, arg, jump));
    }

    /// <summary>The net stack effect, <c>dis.stack_effect(op, oparg, jump=jump)</c>.</summary>
    /// <param name="oparg">The argument; may be <see langword="null"/> when the effect does not depend on it.</param>
    /// <param name="jump"><see langword="true"/>: the jump is taken; <see langword="false"/>: it is not;
    /// <see langword="null"/>: the larger of the two.</param>
    /// <exception cref="StackEffectUnavailableException">The table has no stack effect for the opcode, or the argument is needed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oparg"/> is negative.</exception>
    public int NetStackEffect(int? oparg = null, bool? jump = null)
    {
        var info = Info;
        return Net(info, ResolveOparg(info, oparg), jump);
    }

    private int Net(OpcodeInfo info, int arg, bool? jump)
    {
        if (info.NoJump is not { } noJump)
        {
            throw new StackEffectUnavailableException(this, "the interpreter reports none.");
        }

        var plain = noJump.Evaluate(arg);
        if (info.Jump is not { } jumping || jump == false)
        {
            return plain;
        }

        var taken = jumping.Evaluate(arg);
        return jump == true ? taken : Math.Max(plain, taken);
    }

    private int ResolveOparg(OpcodeInfo info, int? oparg)
    {
        if (oparg is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(oparg));
            return value;
        }

        if (info.NeedsOparg)
        {
            throw new StackEffectUnavailableException(this, "it depends on the argument, which was not given.");
        }

        return 0;
    }

    private bool Has(KnownSets set) => (Info.Sets & set) != 0;

    /// <summary>Whether both are the same opcode of the same table.</summary>
    public bool Equals(Opcode other) => ReferenceEquals(_table, other._table) && _number == other._number;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Opcode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_table, _number);

    /// <summary>Orders opcodes of one table by number (opcodes of different tables by table first).</summary>
    public int CompareTo(Opcode other)
    {
        if (!ReferenceEquals(_table, other._table))
        {
            return string.CompareOrdinal(_table?.ClassName, other._table?.ClassName);
        }

        return _number.CompareTo(other._number);
    }

    /// <summary>Whether both are the same opcode of the same table.</summary>
    public static bool operator ==(Opcode left, Opcode right) => left.Equals(right);

    /// <summary>Whether they differ in table or number.</summary>
    public static bool operator !=(Opcode left, Opcode right) => !left.Equals(right);

    /// <summary>The opcode number.</summary>
    public static explicit operator int(Opcode opcode) => opcode.Number;

    /// <summary>The CPython name (<c>LOAD_FAST</c>); <c>(default Opcode)</c> for <c>default(Opcode)</c>.</summary>
    public override string ToString() => _table is null ? "(default Opcode)" : _table.InfoAt(_number).Name;
}
