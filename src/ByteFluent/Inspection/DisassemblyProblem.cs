namespace ByteFluent.Inspection;

/// <summary>One thing wrong in a code object that <see cref="TolerantDisassembler"/> listed anyway.</summary>
/// <param name="Table">Where it is: <c>co_code</c>, the line table's field name, <c>co_exceptiontable</c>, <c>co_consts</c>, …</param>
/// <param name="Offset">The byte offset inside <paramref name="Table"/> (-1 when the problem has no offset).</param>
/// <param name="Message">What is wrong.</param>
public sealed record DisassemblyProblem(string Table, int Offset, string Message)
{
    /// <summary><c>TABLE at byte N: MESSAGE</c>.</summary>
    public override string ToString() => Offset < 0 ? $"{Table}: {Message}" : FormattableString.Invariant($"{Table} at byte {Offset}: {Message}");
}
