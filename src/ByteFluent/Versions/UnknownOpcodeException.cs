namespace ByteFluent.Versions;

/// <summary>An opcode name or number that the table of a version (or custom table) does not define.</summary>
public sealed class UnknownOpcodeException : KeyNotFoundException
{
    /// <summary>Reports an unknown opcode name.</summary>
    public UnknownOpcodeException(OpcodeTable table, string name)
        : base($"{table.Describe()} has no opcode named '{name}'.")
    {
        Table = table;
        OpcodeName = name;
    }

    /// <summary>Reports an unknown opcode number.</summary>
    public UnknownOpcodeException(OpcodeTable table, int number)
        : base($"{table.Describe()} has no opcode number {number}.")
    {
        Table = table;
        OpcodeNumber = number;
    }

    /// <summary>The table that was asked.</summary>
    public OpcodeTable Table { get; }

    /// <summary>The name that was looked up, if a name was.</summary>
    public string? OpcodeName { get; }

    /// <summary>The number that was looked up, if a number was.</summary>
    public int? OpcodeNumber { get; }
}
