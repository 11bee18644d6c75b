namespace ByteFluent.Assembly;

/// <summary>
/// The verifier (or the stack-depth computation) proved that the code would misbehave in the interpreter: a stack
/// underflow, a label reached with two depths, an operand out of range, a path falling off the end, a variable the
/// code does not declare, a constant of the wrong shape, … Names the instruction by its index among the instructions
/// and its byte offset, says what was expected and what was found, and ends with a listing of the code with labels
/// and the depth before each instruction (<c>// depth N</c>).
/// </summary>
public class VerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, in a few words.</param>
    /// <param name="instructionIndex">Index of the instruction among the instructions (0-based), or -1.</param>
    /// <param name="offset">Its byte offset in <c>co_code</c>, or -1 when unknown.</param>
    /// <param name="instruction">The instruction as text.</param>
    /// <param name="expected">What the interpreter needs.</param>
    /// <param name="actual">What the code has.</param>
    /// <param name="listing">The code with labels and depths.</param>
    public VerificationException(string problem, int instructionIndex, int offset, string instruction, string expected, string actual, string listing)
        : this(Format(problem, instructionIndex, offset, instruction, expected, actual), problem, instructionIndex, offset, instruction, expected, actual, listing)
    {
    }

    /// <summary>Creates the exception with a message of its own (for subclasses).</summary>
    protected VerificationException(string message, string problem, int instructionIndex, int offset, string instruction, string expected, string actual, string listing)
        : base(message + "\n" + listing)
    {
        Problem = problem;
        InstructionIndex = instructionIndex;
        Offset = offset;
        Instruction = instruction;
        Expected = expected;
        Actual = actual;
        Listing = listing;
    }

    /// <summary>What went wrong.</summary>
    public string Problem { get; }

    /// <summary>Index of the offending instruction (among instructions only, 0-based); -1 when the problem is not one instruction's.</summary>
    public int InstructionIndex { get; }

    /// <summary>Byte offset of the offending instruction in <c>co_code</c>; -1 when unknown.</summary>
    public int Offset { get; }

    /// <summary>The offending instruction, as text.</summary>
    public string Instruction { get; }

    /// <summary>What the interpreter needs there.</summary>
    public string Expected { get; }

    /// <summary>What the code has there.</summary>
    public string Actual { get; }

    /// <summary>The code with its labels and <c>// depth N</c> before each instruction the analysis reached.</summary>
    public string Listing { get; }

    private static string Format(string problem, int index, int offset, string instruction, string expected, string actual) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Invalid code: {problem} at instruction {index} (offset {offset}: {instruction}): expected {expected}, found {actual}.");
}
