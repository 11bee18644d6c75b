namespace ByteFluent.Assembly;

/// <summary>
/// A stack problem: a stack underflow, an instruction reached with two different stack depths (byteplay's
/// "Inconsistent code"), or an operand deeper than the stack. Names the instruction, its index and byte offset; the
/// message ends with a listing of the code with labels and the depth before each instruction.
/// </summary>
public sealed class StackDepthException : VerificationException
{
    /// <summary>Creates the exception (offset unknown).</summary>
    public StackDepthException(string problem, int instructionIndex, string instruction, int depth, string listing)
        : this(problem, instructionIndex, -1, instruction, depth, "a consistent stack", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"depth {depth}"), listing)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="instructionIndex">Index of the instruction among the instructions.</param>
    /// <param name="offset">Its byte offset, or -1.</param>
    /// <param name="instruction">The instruction as text.</param>
    /// <param name="depth">The depth at which it was reached.</param>
    /// <param name="expected">What was expected (e.g. "at least 2 items").</param>
    /// <param name="actual">What was found (e.g. "depth 1").</param>
    /// <param name="listing">The code with labels and depths.</param>
    public StackDepthException(string problem, int instructionIndex, int offset, string instruction, int depth, string expected, string actual, string listing)
        : base(Format(problem, instructionIndex, offset, instruction, expected, actual), problem, instructionIndex, offset, instruction, expected, actual, listing)
    {
        Depth = depth;
    }

    /// <summary>The stack depth at which the instruction was reached.</summary>
    public int Depth { get; }

    private static string Format(string problem, int index, int offset, string instruction, string expected, string actual) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"Inconsistent code: {problem} at instruction {index}{(offset >= 0 ? $" (offset {offset})" : string.Empty)} ({instruction}): expected {expected}, found {actual}.");
}
