namespace ByteFluent.Versions;

/// <summary>A <c>has*</c> set that the table of a version does not define (e.g. <c>hasexc</c> before 3.12).</summary>
public sealed class UnknownOpcodeSetException : KeyNotFoundException
{
    /// <summary>Reports an undefined set.</summary>
    public UnknownOpcodeSetException(OpcodeTable table, string setName)
        : base($"{table.Describe()} defines no opcode set '{setName}' (it defines: {string.Join(", ", table.Sets.Keys)}).")
    {
        Table = table;
        SetName = setName;
    }

    /// <summary>The table that was asked.</summary>
    public OpcodeTable Table { get; }

    /// <summary>The set name that was looked up.</summary>
    public string SetName { get; }
}
