using System.Globalization;

namespace ByteFluent.Assembly;

/// <summary>
/// A 3.11+ source position of an instruction, as <c>co_positions()</c> reports it: line, end line, column and
/// end column (0-based UTF-8 byte columns); any of them may be unknown. <see cref="None"/> is "no location".
/// </summary>
/// <remarks>
/// Stored as four ints and a byte of "known" bits (20 bytes, not the 32 of four <c>int?</c>): every line marker of the
/// model and every line mark of the assembler holds one.
/// </remarks>
public readonly record struct SourceLocation
{
    private const byte HasLine = 1, HasEndLine = 2, HasColumn = 4, HasEndColumn = 8;
    private readonly int line, endLine, column, endColumn;
    private readonly byte known;

    /// <summary>A position; a null part is unknown.</summary>
    /// <param name="Line">Start line, or null when the instruction has no location.</param>
    /// <param name="EndLine">End line.</param>
    /// <param name="Column">Start column.</param>
    /// <param name="EndColumn">End column.</param>
    public SourceLocation(int? Line, int? EndLine, int? Column, int? EndColumn)
    {
        line = Line.GetValueOrDefault();
        endLine = EndLine.GetValueOrDefault();
        column = Column.GetValueOrDefault();
        endColumn = EndColumn.GetValueOrDefault();
        known = (byte)((Line.HasValue ? HasLine : 0) | (EndLine.HasValue ? HasEndLine : 0) | (Column.HasValue ? HasColumn : 0) | (EndColumn.HasValue ? HasEndColumn : 0));
    }

    /// <summary>No location at all (the location table's "none" form).</summary>
    public static SourceLocation None => default;

    /// <summary>Start line, or null when the instruction has no location.</summary>
    public int? Line { get => (known & HasLine) != 0 ? line : null; init => this = new(value, EndLine, Column, EndColumn); }

    /// <summary>End line.</summary>
    public int? EndLine { get => (known & HasEndLine) != 0 ? endLine : null; init => this = new(Line, value, Column, EndColumn); }

    /// <summary>Start column.</summary>
    public int? Column { get => (known & HasColumn) != 0 ? column : null; init => this = new(Line, EndLine, value, EndColumn); }

    /// <summary>End column.</summary>
    public int? EndColumn { get => (known & HasEndColumn) != 0 ? endColumn : null; init => this = new(Line, EndLine, Column, value); }

    /// <summary>A location that only knows its line.</summary>
    public static SourceLocation LineOnly(int line) => new(line, line, null, null);

    /// <summary>Deconstructs into line, end line, column and end column.</summary>
    public void Deconstruct(out int? Line, out int? EndLine, out int? Column, out int? EndColumn)
    {
        Line = this.Line;
        EndLine = this.EndLine;
        Column = this.Column;
        EndColumn = this.EndColumn;
    }

    /// <summary>"line:col-endline:endcol" with "?" for unknown parts, or "none".</summary>
    public override string ToString() => Line is null
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{Line}:{Part(Column)}-{Part(EndLine)}:{Part(EndColumn)}");

    private static string Part(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
