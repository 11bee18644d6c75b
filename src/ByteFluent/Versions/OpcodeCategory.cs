namespace ByteFluent.Versions;

/// <summary>What kind of opcode an <see cref="Opcode"/> is; only <see cref="Real"/> opcodes appear in a <c>.pyc</c>.</summary>
public enum OpcodeCategory
{
    /// <summary>An opcode the compiler emits and the interpreter executes; it may appear in a <c>.pyc</c>.</summary>
    Real,

    /// <summary>An adaptive specialization (CPython 3.11+) the interpreter writes over a real opcode at run time.</summary>
    Specialized,

    /// <summary>An <c>INSTRUMENTED_*</c> variant (CPython 3.12+) used while monitoring is active.</summary>
    Instrumented,

    /// <summary>A compiler-only opcode (CPython 3.12+) that the assembler replaces by a real one.</summary>
    Pseudo,
}
