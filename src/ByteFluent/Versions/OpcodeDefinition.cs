namespace ByteFluent.Versions;

/// <summary>One opcode of an <see cref="OpcodeTableDefinition"/>, as read from an opcode table file.</summary>
/// <param name="Name">The CPython name, e.g. <c>LOAD_FAST</c>.</param>
/// <param name="Number">The opcode number (pseudo opcodes: 256 and up).</param>
/// <param name="Category">Real, specialized, instrumented or pseudo.</param>
/// <param name="HasArg">Whether the opcode takes an argument.</param>
/// <param name="CacheEntries">Inline cache code units that follow the instruction (3.11+).</param>
/// <param name="ArgumentKind">What the argument means.</param>
/// <param name="NoJump">The net stack effect when the instruction does not jump; <see langword="null"/> when the interpreter has none.</param>
/// <param name="Jump">The net stack effect when it jumps, where it differs from <paramref name="NoJump"/>.</param>
/// <param name="Pops">How many items it pops (pushes are pops + net effect).</param>
/// <param name="Deopt">For a specialized opcode, the name of the real opcode it specializes.</param>
/// <param name="Targets">For a pseudo opcode, the names of the real opcodes it may become.</param>
public sealed record OpcodeDefinition(
    string Name,
    int Number,
    OpcodeCategory Category,
    bool HasArg,
    int CacheEntries,
    OpcodeArgumentKind ArgumentKind,
    StackFormula? NoJump,
    StackFormula? Jump,
    StackFormula? Pops,
    string? Deopt = null,
    IReadOnlyList<string>? Targets = null);

/// <summary>One <c>has*</c> set of an opcode table, by opcode number.</summary>
/// <param name="Name">The set's name in CPython's <c>opcode</c> module, e.g. <c>hasconst</c>.</param>
/// <param name="Numbers">The numbers of the opcodes in the set.</param>
public sealed record OpcodeSetDefinition(string Name, IReadOnlyList<int> Numbers);

/// <summary>A named argument value of an opcode, e.g. BINARY_OP's <c>NB_ADD</c> (0, <c>+</c>).</summary>
/// <param name="Value">The argument value.</param>
/// <param name="Name">The name <c>dis</c> uses for it.</param>
/// <param name="Symbol">The operator symbol, where there is one.</param>
public sealed record ArgumentName(int Value, string Name, string? Symbol = null);

/// <summary>The named argument values of one opcode.</summary>
/// <param name="Opcode">The opcode's name, e.g. <c>BINARY_OP</c>.</param>
/// <param name="Values">Its named values, by value.</param>
public sealed record ArgumentNameGroup(string Opcode, IReadOnlyList<ArgumentName> Values);

/// <summary>A <c>CO_*</c> code-object flag.</summary>
/// <param name="Name">The flag's name, e.g. <c>CO_GENERATOR</c>.</param>
/// <param name="Value">Its bit value.</param>
public sealed record CodeFlag(string Name, int Value);
