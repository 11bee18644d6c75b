using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// The era strategy of CPython 1.0–2.2, whose compilers carried lines in <c>SET_LINENO</c> instructions (1.5–2.2 also
/// wrote <c>co_lnotab</c>, one entry at each such instruction that changed the offset or the line). The model reads
/// each of those instructions as a <see cref="SetLineno"/> marker (merged with the table entry at its offset when they
/// agree) and the assembler writes it back as the instruction, so the file stays byte-identical.
/// </summary>
internal sealed class LineInstructions
{
    private LineInstructions(Opcode op, InstructionEncoding encoding, bool hasTable)
    {
        Op = op;
        this.encoding = encoding;
        HasTable = hasTable;
    }

    private readonly InstructionEncoding encoding;

    /// <summary>The era's <c>SET_LINENO</c>.</summary>
    public Opcode Op { get; }

    /// <summary>Whether the era also has a line table (1.5–2.2; 1.0–1.4 have none).</summary>
    public bool HasTable { get; }

    /// <summary>The rule of a table whose compiler emitted <c>SET_LINENO</c> (its table has the opcode, 1.0–2.2), else null.</summary>
    public static LineInstructions? For(OpcodeTable table, InstructionEncoding encoding, LineTableFormat lines) =>
        !table.Version.IsPyPy && table.Version.Language < PythonVersion.V2_3 && table.TryGetOpcode("SET_LINENO", out var op)
            ? new LineInstructions(op, encoding, !ReferenceEquals(lines, LineTableFormat.None))
            : null;

    /// <summary>
    /// Whether a decoded instruction is a marker: a <c>SET_LINENO</c> with no more EXTENDED_ARG prefixes than its line
    /// needs (one with extra prefixes stays an instruction, which keeps its bytes).
    /// </summary>
    public bool IsMarker(RawInstruction raw) =>
        raw.Opcode.IsValid && raw.Opcode.Number == Op.Number && ReferenceEquals(raw.Opcode.Table, Op.Table) && raw.Prefixes == encoding.MinimumPrefixes(raw.Arg);

    /// <summary>Whether <paramref name="marker"/> is written as a <c>SET_LINENO</c> instruction.</summary>
    public static bool WritesInstruction(SetLineno marker) => marker.Form != LineMarkerForm.TableOnly;

    /// <summary>Whether <paramref name="marker"/> is written in the line table.</summary>
    public bool WritesTableEntry(SetLineno marker) => HasTable && marker.Form != LineMarkerForm.InstructionOnly;
}
