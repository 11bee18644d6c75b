using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// One instruction on its way to bytes: the model entry, its resolved opcode and argument, and its place. A struct in a
/// list (one object per instruction was a large part of what assembling allocated): the steps that place instructions
/// change them through <see cref="System.Runtime.InteropServices.CollectionsMarshal.AsSpan{T}(List{T}?)"/>.
/// </summary>
internal struct AssemblySlot
{
    /// <summary>The model instruction.</summary>
    public required Instr Instr { get; init; }

    /// <summary>The opcode of the target table.</summary>
    public required Opcode Op { get; init; }

    /// <summary>Index of the instruction in the code list (among all entries).</summary>
    public required int ListIndex { get; init; }

    /// <summary>The numeric argument (for a jump: computed by <see cref="OffsetLayout"/>).</summary>
    public int Arg { get; set; }

    /// <summary>The jump target, for jump instructions.</summary>
    public Label? Jump { get; init; }

    /// <summary>Byte offset of the first prefix.</summary>
    public int Offset { get; set; }

    /// <summary>Size in bytes, EXTENDED_ARG prefixes and inline caches included.</summary>
    public int Size { get; set; }

    /// <summary>The innermost exception region (3.11+) covering the instruction.</summary>
    public ExceptionRegion? Region { get; init; }
}
