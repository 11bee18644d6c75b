namespace ByteFluent.Text;

/// <summary>
/// A text assembly file (<c>.pyasm</c>) cannot be read: a syntax error, an unknown opcode or directive, an argument
/// of the wrong kind, an undefined label or code object, or code the assembler rejects (stack underflow, …). The
/// message is <c>file:line:column: what was expected</c>; lines and columns count from 1.
/// </summary>
public sealed class AsmSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file name shown in the message.</param>
    /// <param name="line">The line (1-based).</param>
    /// <param name="column">The column (1-based, in characters).</param>
    /// <param name="problem">What is wrong, naming what was expected.</param>
    public AsmSyntaxException(string file, int line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file name.</summary>
    public string File { get; }

    /// <summary>The line (1-based).</summary>
    public int Line { get; }

    /// <summary>The column (1-based).</summary>
    public int Column { get; }

    /// <summary>The problem, without the location.</summary>
    public string Problem { get; }
}
