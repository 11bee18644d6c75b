namespace ByteFluent.Versions;

/// <summary>A member of <c>default(Opcode)</c> was used; an <see cref="Opcode"/> must come from an <see cref="OpcodeTable"/>.</summary>
public sealed class UninitializedOpcodeException : InvalidOperationException
{
    /// <summary>Reports the use of <c>default(Opcode)</c>.</summary>
    public UninitializedOpcodeException()
        : base("This Opcode is default(Opcode); take opcodes from an OpcodeTable (e.g. Python312.LOAD_FAST or table[\"LOAD_FAST\"]).")
    {
    }
}
