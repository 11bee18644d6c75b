using System.Globalization;
using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Text;
using ByteFluent.Transforms;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Errors;

/// <summary>Which exceptions the library documents for bad input, and how each reads as one line.</summary>
internal static class ErrorText
{
    /// <summary>Whether <paramref name="e"/> is one of the errors a reader documents for malformed input.</summary>
    public static bool IsDocumented(Exception e) => e is PycFormatException or BytecodeFormatException or VerificationException
        or InvalidCodeException or AsmSyntaxException or MarshalWriteException or InvalidOpcodeTableException
        or TransformFailedException or StackEffectUnavailableException or UnknownOpcodeException or UnsupportedPythonVersionException;

    /// <summary>The reason, on one line: <c>offset N: expected X; found Y</c> for marshal data, the first line of the message otherwise.</summary>
    public static string Describe(Exception e) => e switch
    {
        PycFormatException p => string.Create(CultureInfo.InvariantCulture, $"offset {p.Offset}: expected {p.Expected}; {OneLine(p.Detail)}"),
        StackDepthException s => OneLine(s.Message),
        _ => OneLine(e.Message),
    };

    /// <summary>The first line of <paramref name="text"/> (listings appended to messages are dropped).</summary>
    public static string OneLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end].TrimEnd();
    }
}
