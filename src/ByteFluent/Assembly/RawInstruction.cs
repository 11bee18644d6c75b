using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// One instruction as it sits in <c>co_code</c>: its EXTENDED_ARG prefixes folded into <see cref="Arg"/> and its
/// inline cache entries counted in <see cref="Size"/>.
/// </summary>
/// <param name="Offset">Byte offset of the first byte (of the first EXTENDED_ARG prefix, if any).</param>
/// <param name="Size">Bytes taken, prefixes and caches included.</param>
/// <param name="Opcode">The opcode.</param>
/// <param name="Arg">The full argument (0 for opcodes without one).</param>
/// <param name="Prefixes">How many EXTENDED_ARG prefixes precede it.</param>
public readonly record struct RawInstruction(int Offset, int Size, Opcode Opcode, int Arg, int Prefixes)
{
    /// <summary>Byte offset just past the instruction and its caches.</summary>
    public int End => Offset + Size;
}
