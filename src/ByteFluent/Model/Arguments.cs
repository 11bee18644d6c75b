namespace ByteFluent.Model;

/// <summary>
/// COMPARE_OP's argument: the operator (an entry of the version's <c>cmp_op</c>) and, from 3.12, the low bits
/// packed below it (3.12: a 4-bit mask of outcomes the specializer uses; 3.13+: that mask plus bit 16, "convert the
/// result to bool").
/// </summary>
/// <param name="Operator">"&lt;", "==", "in", … as <c>cmp_op</c> spells it.</param>
/// <param name="LowBits">The bits below the operator (0 before 3.12).</param>
public sealed record Comparison(string Operator, int LowBits = 0)
{
    /// <summary>3.13+: whether the result is converted to bool (bit 16 of the low bits).</summary>
    public bool ToBool => (LowBits & 16) != 0;

    /// <inheritdoc/>
    public override string ToString() => ToBool ? $"bool({Operator})" : Operator;
}

/// <summary>3.11+ LOAD_GLOBAL's argument: the name, and whether a NULL is pushed before it (for a call).</summary>
/// <param name="Name">The global's name.</param>
/// <param name="PushNull">Whether NULL is pushed too.</param>
public sealed record GlobalName(string Name, bool PushNull)
{
    /// <inheritdoc/>
    public override string ToString() => PushNull ? $"NULL + {Name}" : Name;
}

/// <summary>3.12+ LOAD_ATTR's argument: the attribute, and whether it is loaded as a method (self kept for a call).</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="IsMethod">Whether the method form is used.</param>
public sealed record AttrName(string Name, bool IsMethod)
{
    /// <inheritdoc/>
    public override string ToString() => IsMethod ? $"{Name} (method)" : Name;
}

/// <summary>3.12+ LOAD_SUPER_ATTR's argument: the attribute, bit 0 (method load) and bit 1 (two-argument <c>super()</c> form).</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="IsMethod">Bit 0: the method form.</param>
/// <param name="TwoArguments">Bit 1: <c>super(cls, self)</c> rather than zero-argument <c>super()</c>.</param>
public sealed record SuperAttrName(string Name, bool IsMethod, bool TwoArguments)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}{(IsMethod ? " (method)" : string.Empty)}{(TwoArguments ? " (2 args)" : string.Empty)}";
}

/// <summary>3.13+ paired-local opcodes (LOAD_FAST_LOAD_FAST, STORE_FAST_STORE_FAST, …): the two locals, first in the high nibble.</summary>
/// <param name="First">The first local.</param>
/// <param name="Second">The second local.</param>
public sealed record LocalPair(string First, string Second)
{
    /// <inheritdoc/>
    public override string ToString() => $"{First}, {Second}";
}

/// <summary>
/// An argument whose values the version names (BINARY_OP operators, CALL_INTRINSIC_1/2 functions, MAKE_FUNCTION /
/// SET_FUNCTION_ATTRIBUTE flags, FORMAT_VALUE / CONVERT_VALUE conversions, LOAD_COMMON_CONSTANT, LOAD_SPECIAL, …).
/// </summary>
/// <param name="Value">The numeric argument.</param>
/// <param name="Name">Its meaning as the version's <c>dis</c> names it (flags joined with "|").</param>
public sealed record NamedArg(int Value, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => Name.Length == 0 ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Name;
}

/// <summary>3.15 IMPORT_NAME's argument: the module name and the lazy-import mode packed in the two low bits (PEP 810).</summary>
/// <param name="Name">The module name.</param>
/// <param name="LazyMode">The two low bits (0: a normal import).</param>
public sealed record ImportName(string Name, int LazyMode)
{
    /// <inheritdoc/>
    public override string ToString() => LazyMode == 0 ? Name : $"{Name} (lazy mode {LazyMode})";
}
