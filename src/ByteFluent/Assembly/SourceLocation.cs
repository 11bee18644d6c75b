using System.Globalization;

namespace ByteFluent.Assembly;

/// <summary>
/// A 3.11+ source position of an instruction, as <c>co_positions()</c> reports it: line, end line, column and
/// end column (0-based UTF-8 byte columns); any of them may be unknown. <see cref="None"/> is "no location".
/// </summary>
/// <param name="Line">Start line, or null when the instruction has no location.</param>
/// <param name="EndLine">End line.</param>
/// <param name="Column">Start column.</param>
/// <param name="EndColumn">End column.</param>
public readonly record struct SourceLocation(int? Line, int? EndLine, int? Column, int? EndColumn)
{
    /// <summary>No location at all (the location table's "none" form).</summary>
    public static SourceLocation None => default;

    /// <summary>A location that only knows its line.</summary>
    public static SourceLocation LineOnly(int line) => new(line, line, null, null);

    /// <summary>"line:col-endline:endcol" with "?" for unknown parts, or "none".</summary>
    public override string ToString() => Line is null
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{Line}:{Part(Column)}-{Part(EndLine)}:{Part(EndColumn)}");

    private static string Part(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
