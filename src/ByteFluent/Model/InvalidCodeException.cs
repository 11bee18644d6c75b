namespace ByteFluent.Model;

/// <summary>
/// A <see cref="Code"/> cannot be assembled: an argument of the wrong kind, a jump to a label that is not in the
/// list, a name missing from the variable tables, an opcode the target version lacks, an unbalanced exception
/// region. Names the instruction and its index in the code list.
/// </summary>
public sealed class InvalidCodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidCodeException(int index, string item, string message)
        : base($"code list entry {index} ({item}): {message}")
    {
        Index = index;
        Item = item;
    }

    /// <summary>Index of the offending entry in the code list.</summary>
    public int Index { get; }

    /// <summary>The entry, as text.</summary>
    public string Item { get; }
}
