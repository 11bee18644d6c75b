namespace ByteFluent.Building;

/// <summary>
/// Marks a generated builder method with the opcode it emits and, where they do not depend on the argument, how
/// many stack items it pops and pushes when it falls through. The ByteFluent analyzers read it (stack underflow,
/// argument kinds, opcodes a version lacks).
/// </summary>
/// <param name="opcode">CPython's name of the opcode.</param>
/// <param name="number">Its number in the builder's version.</param>
/// <param name="argumentKind">The name of its <see cref="Versions.OpcodeArgumentKind"/>.</param>
/// <param name="pops">Items popped on fall-through, or -1 when that depends on the argument.</param>
/// <param name="pushes">Items pushed on fall-through, or -1 when that depends on the argument.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OpcodeMethodAttribute(string opcode, int number, string argumentKind, int pops, int pushes) : Attribute
{
    /// <summary>CPython's name of the opcode.</summary>
    public string Opcode { get; } = opcode;

    /// <summary>Its number in the builder's version.</summary>
    public int Number { get; } = number;

    /// <summary>The name of its <see cref="Versions.OpcodeArgumentKind"/>.</summary>
    public string ArgumentKind { get; } = argumentKind;

    /// <summary>Items popped on fall-through, or -1 when that depends on the argument.</summary>
    public int Pops { get; } = pops;

    /// <summary>Items pushed on fall-through, or -1 when that depends on the argument.</summary>
    public int Pushes { get; } = pushes;

    /// <summary>
    /// Items popped as a formula of the oparg, <c>base;arg;lo;hi;mask;table;cases</c> (see <see cref="Versions.StackFormula"/>),
    /// or null when unknown.
    /// </summary>
    public string? PopsFormula { get; set; }

    /// <summary>The net effect on fall-through, in the same form as <see cref="PopsFormula"/>.</summary>
    public string? NetFormula { get; set; }

    /// <summary>The net effect when the jump is taken: null when it equals <see cref="NetFormula"/>, <c>?</c> when unknown.</summary>
    public string? JumpFormula { get; set; }

    /// <summary>
    /// How the oparg follows from the method's parameters: terms <c>param</c> or <c>param&lt;&lt;k</c> joined by <c>|</c>
    /// (bools count 1, enums their value); a leading <c>~</c> means only those low bits are known.
    /// </summary>
    public string? Oparg { get; set; }
}
