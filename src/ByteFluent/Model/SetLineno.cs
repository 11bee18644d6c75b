using ByteFluent.Assembly;

namespace ByteFluent.Model;

/// <summary>
/// byteplay's <c>SetLineno</c>: from here on, instructions belong to a source position. Before 3.11 only the
/// line is recorded (a null line means "no line", which 3.10 can express); from 3.11 the full position
/// (line, end line, column, end column). Two markers in a row with nothing between them are kept as they are:
/// they are how the line tables of CPython's peephole era record lines whose code was optimized away. In CPython
/// 1.0–2.2 a marker is also the <c>SET_LINENO</c> instruction those compilers emitted (see <see cref="Form"/>): it takes
/// its three bytes in the code, and jumps count them.
/// </summary>
public sealed class SetLineno : CodeItem
{
    /// <summary>A marker for a line.</summary>
    public SetLineno(int line) => Location = SourceLocation.LineOnly(line);

    /// <summary>A marker for a full 3.11+ position (or <see cref="SourceLocation.None"/>).</summary>
    public SetLineno(SourceLocation location) => Location = location;

    /// <summary>
    /// When read from a table whose entry points between an instruction's EXTENDED_ARG prefixes and its opcode
    /// (CPython 3.6–3.9's peephole pass leaves such entries), how many prefixes come before the marked place.
    /// </summary>
    internal int IntoPrefixes { get; init; }

    /// <summary>How the marker is written in CPython 1.0–2.2 (a <c>SET_LINENO</c> instruction, a <c>co_lnotab</c> entry, or both); ignored from 2.3.</summary>
    public LineMarkerForm Form { get; init; }

    /// <summary>The line, or null for "no line".</summary>
    public int? Line => Location.Line;

    /// <summary>The full position.</summary>
    public SourceLocation Location { get; }

    /// <inheritdoc/>
    public override string ToString() => (Location.Column is null && Location.EndLine == Location.Line
        ? $"SetLineno {Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"}"
        : $"SetLineno {Location}") + Form switch
        {
            LineMarkerForm.TableOnly => " (table only)",
            LineMarkerForm.InstructionOnly => " (instruction only)",
            _ => string.Empty,
        };
}
