namespace ByteFluent.Assembly;

/// <summary>
/// The stack-depth analysis found code that cannot run: a stack underflow, or an instruction reached with two
/// different stack depths (byteplay's "Inconsistent code"). Names the instruction and its offset; the message
/// ends with a listing of the code with the depth at each instruction.
/// </summary>
public sealed class StackDepthException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StackDepthException(string problem, int instructionIndex, string instruction, int depth, string listing)
        : base($"Inconsistent code: {problem} at instruction {instructionIndex} ({instruction}), depth {depth}.\n{listing}")
    {
        Problem = problem;
        InstructionIndex = instructionIndex;
        Instruction = instruction;
        Depth = depth;
        Listing = listing;
    }

    /// <summary>What went wrong.</summary>
    public string Problem { get; }

    /// <summary>Index of the offending instruction (among instructions only, 0-based).</summary>
    public int InstructionIndex { get; }

    /// <summary>The offending instruction, as text.</summary>
    public string Instruction { get; }

    /// <summary>The stack depth at which it was reached.</summary>
    public int Depth { get; }

    /// <summary>The code with <c>// depth N</c> after each instruction the analysis reached.</summary>
    public string Listing { get; }
}
