using ByteFluent.Versions;

namespace ByteFluent.Model;

/// <summary>
/// A real instruction: byteplay's <c>(opcode, arg)</c> pair. The argument is what the instruction means:
/// the constant itself (a <see cref="Marshal.PyObject"/> or a nested <see cref="Code"/>), a name, a local or
/// cell/free variable name (strings), a <see cref="Label"/> for jumps, a <see cref="Comparison"/>, a packed
/// argument's meaning (<see cref="GlobalName"/>, <see cref="AttrName"/>, <see cref="SuperAttrName"/>,
/// <see cref="LocalPair"/>, <see cref="ImportName"/>), a <see cref="NamedArg"/> for arguments the version names (BINARY_OP operators,
/// intrinsics, function attribute flags, …), an <see cref="int"/> for counts, or null when there is none.
/// </summary>
public sealed class Instr : CodeItem
{
    /// <summary>Creates an instruction.</summary>
    public Instr(Opcode opcode, object? arg = null)
    {
        Opcode = opcode;
        Arg = arg;
    }

    /// <summary>The opcode.</summary>
    public Opcode Opcode { get; }

    /// <summary>The argument (see the class summary).</summary>
    public object? Arg { get; }

    /// <summary>
    /// Where the argument was found in its table when read from a code object (which of several equal
    /// entries it used); the assembler uses it when that entry still holds the same value.
    /// </summary>
    internal int? TableIndex { get; init; }

    /// <summary>
    /// The EXTENDED_ARG prefixes the instruction had when read: the assembler writes at least as many. CPython's
    /// layouts are not always the smallest (its peephole pass keeps prefixes when code shrinks).
    /// </summary>
    internal int MinimumPrefixes { get; init; }

    /// <summary>Deconstructs into byteplay's pair.</summary>
    public void Deconstruct(out Opcode opcode, out object? arg)
    {
        opcode = Opcode;
        arg = Arg;
    }

    /// <inheritdoc/>
    public override string ToString() => Arg is null ? Opcode.Name : $"{Opcode.Name} {CodeListFormatter.FormatArg(Arg)}";
}
