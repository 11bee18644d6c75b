using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// Everything that differs between CPython versions in how a code object's bytes are laid out, gathered in
/// one place and chosen per version: instruction encoding, jump units and direction, line table, exception
/// table, how arguments index the variable tables, packed arguments, and the stack-depth rules. The era's rules come
/// from the table's version; opcode numbers, sets and caches come from the table itself, so a custom table (a CPython
/// build with remapped opcode numbers) gets the same layout rules with its own numbers (<see cref="For(OpcodeTable)"/>).
/// </summary>
public sealed class BytecodeDialect
{
    // Read without a lock (every FromCode and ToCode asks, on every core); replaced as a whole when a version is added.
    private static volatile Dictionary<PythonVersion, BytecodeDialect> cache = [];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OpcodeTable, BytecodeDialect> Custom = [];
    private static readonly object Gate = new();

    private readonly HashSet<string> backwardJumps;
    private readonly Dictionary<string, int> nameShifts;
    private readonly HashSet<string> pairedLocals;

    // The same facts per opcode number of the table, asked for every instruction (the sets above are by name, for
    // opcodes of another table).
    private readonly byte[] facts;
    private const byte BackwardFact = 1, PairedFact = 2, ShiftMask = 0x70;

    private BytecodeDialect(OpcodeTable table)
    {
        Table = table;
        Version = table.Version;

        // Era rules follow the language version: PyPy's bytecode of 3.9 is laid out as CPython 3.9's.
        var v = Version.Language;
        Encoding = v >= PythonVersion.V3_6 ? InstructionEncoding.Wordcode : InstructionEncoding.Bytes27;
        JumpUnit = v >= PythonVersion.V3_10 ? 2 : 1;
        Lines = v >= PythonVersion.V3_11 ? LineTableFormat.Locations311
            : v >= PythonVersion.V3_10 ? LineTableFormat.Linetable310
            : v >= PythonVersion.V3_6 ? LineTableFormat.Lnotab36
            : v >= PythonVersion.V1_5 ? LineTableFormat.Lnotab27
            : LineTableFormat.None;
        LineInstructions = LineInstructions.For(table, Encoding, Lines);
        HasStackSize = v >= PythonVersion.V1_5;
        HasKwOnlyArgs = v >= PythonVersion.V3_0;
        ManagesNoFree = v >= PythonVersion.V2_4 && v < PythonVersion.V3_10;
        NoFreeOnlyForFunctions = Version.IsPyPy;
        NLocalsOnlyWhenOptimized = v < PythonVersion.V2_5;
        HasVerifierRules = !Version.IsPyPy && (v == PythonVersion.V2_7 || v >= PythonVersion.V3_6);
        HasExceptionTable = v >= PythonVersion.V3_11;
        UsesLocalsPlus = v >= PythonVersion.V3_11;
        JumpsCountCaches = v >= PythonVersion.V3_11;
        CompareShift = v >= PythonVersion.V3_13 ? 5 : v >= PythonVersion.V3_12 ? 4 : 0;
        backwardJumps = v >= PythonVersion.V3_14
            ? ["JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "END_ASYNC_FOR"]
            : v >= PythonVersion.V3_11
                ? [.. table.Opcodes.Where(o => o.Name.Contains("BACKWARD", StringComparison.Ordinal)).Select(o => o.Name)]
                : [];
        nameShifts = [];
        if (v >= PythonVersion.V3_11)
        {
            nameShifts["LOAD_GLOBAL"] = 1;
        }

        if (v >= PythonVersion.V3_12)
        {
            nameShifts["LOAD_ATTR"] = 1;
            nameShifts["LOAD_SUPER_ATTR"] = 2;
        }

        if (v >= PythonVersion.V3_15)
        {
            // PEP 810: the two low bits of IMPORT_NAME say how the import is made lazy.
            nameShifts["IMPORT_NAME"] = 2;
        }

        pairedLocals = v >= PythonVersion.V3_13
            ? [.. table.Opcodes.Where(o => o.IsReal && IsPairName(o.Name)).Select(o => o.Name)]
            : [];
        StackDepth = StackDepthRules.For(Version);
        facts = new byte[table.Opcodes.Count == 0 ? 0 : table.Opcodes.Max(o => o.Number) + 1];
        foreach (var o in table.Opcodes)
        {
            var shift = nameShifts.TryGetValue(o.Name, out var n) ? n : 0;
            facts[o.Number] = (byte)((backwardJumps.Contains(o.Name) ? BackwardFact : 0) | (pairedLocals.Contains(o.Name) ? PairedFact : 0) | (shift << 4));
        }
    }

    /// <summary>The version.</summary>
    public PythonVersion Version { get; }

    /// <summary>The version's opcode table.</summary>
    public OpcodeTable Table { get; }

    /// <summary>How instructions are laid out.</summary>
    public InstructionEncoding Encoding { get; }

    /// <summary>Bytes per jump-argument unit (1 before 3.10, 2 from 3.10).</summary>
    public int JumpUnit { get; }

    /// <summary>The line table format.</summary>
    public LineTableFormat Lines { get; }

    /// <summary>1.0–2.2: the <c>SET_LINENO</c> instructions the model reads as line markers; null for the other eras.</summary>
    internal LineInstructions? LineInstructions { get; }

    /// <summary>
    /// Whether a decoded instruction is a line marker of the model rather than an instruction: a <c>SET_LINENO</c> of
    /// CPython 1.0–2.2 (see <see cref="Model.LineMarkerForm"/>). Listings that pair decoded instructions with the model's
    /// skip these.
    /// </summary>
    public bool IsLineMarkerInstruction(RawInstruction raw) => LineInstructions is { } rule && rule.IsMarker(raw);

    /// <summary>Whether code objects carry <c>co_stacksize</c> (1.5+; 1.0–1.4 have none, and it is written as 0).</summary>
    public bool HasStackSize { get; }

    /// <summary>Whether code objects carry <c>co_kwonlyargcount</c> (3.0+).</summary>
    public bool HasKwOnlyArgs { get; }

    /// <summary>Whether the compiler sets CO_NOFREE on code without cell or free variables (2.4–3.9).</summary>
    public bool ManagesNoFree { get; }

    /// <summary>
    /// PyPy: CO_NOFREE is recomputed for functions (CO_OPTIMIZED) only. PyPy's compiler sets it on a module without
    /// cells or frees but never on a class body, and both are unoptimized code: the model's flag says which it is.
    /// </summary>
    public bool NoFreeOnlyForFunctions { get; }

    /// <summary>
    /// Whether <c>co_nlocals</c> is 0 for code without CO_OPTIMIZED (module and class bodies) even when it has
    /// varnames (the compiler before 2.5's AST compiler); from 2.5 it is the number of varnames.
    /// </summary>
    public bool NLocalsOnlyWhenOptimized { get; }

    /// <summary>
    /// Whether the verifier's flow rules (checked against the real interpreters) cover this era: CPython 2.7 and 3.6+.
    /// Code of 1.0–2.6, 3.0–3.5 and PyPy is assembled without verification.
    /// </summary>
    public bool HasVerifierRules { get; }

    /// <summary>Whether code objects carry an exception table (3.11+).</summary>
    public bool HasExceptionTable { get; }

    /// <summary>Whether local and cell/free arguments index one "locals plus" table (3.11+) rather than varnames and cells+frees.</summary>
    public bool UsesLocalsPlus { get; }

    /// <summary>Whether relative jumps count from after the instruction's inline caches (3.11+).</summary>
    public bool JumpsCountCaches { get; }

    /// <summary>How far COMPARE_OP's argument is shifted to give the <c>cmp_op</c> index (0, 4 in 3.12, 5 from 3.13).</summary>
    public int CompareShift { get; }

    /// <summary>The stack-depth rules of the version.</summary>
    public StackDepthRules StackDepth { get; }

    private static BytecodeDialect? lastBuiltIn;

    /// <summary>The dialect of a version.</summary>
    /// <exception cref="UnsupportedPythonVersionException">There is no opcode table for it.</exception>
    public static BytecodeDialect For(PythonVersion version)
    {
        if (cache.TryGetValue(version, out var known))
        {
            return known;
        }

        lock (Gate)
        {
            if (!cache.TryGetValue(version, out var dialect))
            {
                dialect = new BytecodeDialect(OpcodeTables.ForVersion(version));
                cache = new Dictionary<PythonVersion, BytecodeDialect>(cache) { [version] = dialect };
            }

            return dialect;
        }
    }

    /// <summary>
    /// The dialect of a table: the built-in table's dialect for a built-in table, otherwise the era rules of the table's
    /// version with the table's own opcode numbers, sets and caches (one dialect per table object).
    /// </summary>
    /// <exception cref="UnsupportedPythonVersionException">The table's version is not one ByteFluent knows the layout of.</exception>
    public static BytecodeDialect For(OpcodeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        // Every FromCode and nested ToCode asks with the same built-in table: the last built-in answer first (one
        // reference, so a racing reader sees a whole dialect; only built-in dialects go there).
        if (lastBuiltIn is { } last && ReferenceEquals(last.Table, table))
        {
            return last;
        }

        if (OpcodeTables.TryGetForVersion(table.Version, out var builtIn) && ReferenceEquals(builtIn, table))
        {
            return lastBuiltIn = For(table.Version);
        }

        if (!OpcodeTables.TryGetForVersion(table.Version, out _))
        {
            throw new UnsupportedPythonVersionException(table.Version);
        }

        lock (Gate)
        {
            return Custom.GetValue(table, t => new BytecodeDialect(t));
        }
    }

    /// <summary>Whether the opcode's argument is a jump target.</summary>
    public static bool IsJump(Opcode op) => op.HasJrel || op.HasJabs;

    /// <summary>Whether a relative jump goes backwards (3.11+ JUMP_BACKWARD and friends).</summary>
    public bool IsBackward(Opcode op) => TryFacts(op, out var f) ? (f & BackwardFact) != 0 : backwardJumps.Contains(op.Name);

    /// <summary>
    /// For name opcodes whose argument packs extra bits below the name index (3.11+ LOAD_GLOBAL, 3.12+ LOAD_ATTR
    /// and LOAD_SUPER_ATTR, 3.15 IMPORT_NAME), how many bits; otherwise 0.
    /// </summary>
    public int NameShift(Opcode op) => TryFacts(op, out var f) ? (f & ShiftMask) >> 4 : nameShifts.TryGetValue(op.Name, out var s) ? s : 0;

    /// <summary>Whether the argument holds two 4-bit local indexes (3.13+ LOAD_FAST_LOAD_FAST and friends).</summary>
    public bool IsPairedLocal(Opcode op) => TryFacts(op, out var f) ? (f & PairedFact) != 0 : pairedLocals.Contains(op.Name);

    private bool TryFacts(Opcode op, out byte value)
    {
        if (op.IsValid && ReferenceEquals(op.Table, Table) && (uint)op.Number < (uint)facts.Length)
        {
            value = facts[op.Number];
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The byte offset a jump goes to.</summary>
    public int JumpTarget(RawInstruction ins)
    {
        if (ins.Opcode.HasJabs)
        {
            return ins.Arg * JumpUnit;
        }

        var from = JumpsCountCaches ? ins.End : ins.End - (2 * ins.Opcode.CacheEntries);
        var delta = ins.Arg * JumpUnit;
        return IsBackward(ins.Opcode) ? from - delta : from + delta;
    }

    /// <summary>The argument that makes a jump at <paramref name="offset"/> of <paramref name="size"/> bytes reach <paramref name="target"/>; negative when it cannot.</summary>
    public int JumpArgument(Opcode op, int offset, int size, int target)
    {
        if (op.HasJabs)
        {
            return target / JumpUnit;
        }

        var from = JumpsCountCaches ? offset + size : offset + size - (2 * op.CacheEntries);
        var delta = IsBackward(op) ? from - target : target - from;
        return delta < 0 ? -1 : delta / JumpUnit;
    }

    private static bool IsPairName(string name) =>
        name is "LOAD_FAST_LOAD_FAST" or "STORE_FAST_LOAD_FAST" or "STORE_FAST_STORE_FAST" or "LOAD_FAST_BORROW_LOAD_FAST_BORROW";
}
