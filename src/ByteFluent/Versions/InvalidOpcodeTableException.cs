namespace ByteFluent.Versions;

/// <summary>An <see cref="OpcodeTableDefinition"/> that contradicts itself (duplicate numbers, unknown names, ...).</summary>
public sealed class InvalidOpcodeTableException : FormatException
{
    /// <summary>Reports the inconsistency.</summary>
    public InvalidOpcodeTableException(string className, string message)
        : base($"Opcode table {className}: {message}")
    {
        ClassName = className;
    }

    /// <summary>The table's class name.</summary>
    public string ClassName { get; }
}
