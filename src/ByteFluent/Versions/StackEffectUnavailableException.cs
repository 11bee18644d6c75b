namespace ByteFluent.Versions;

/// <summary>
/// The stack effect of an opcode that has none in its table (the interpreter's <c>dis.stack_effect</c> rejects it,
/// e.g. some specialized or instrumented opcodes), or of an opcode whose argument is needed but was not given.
/// </summary>
public sealed class StackEffectUnavailableException : InvalidOperationException
{
    /// <summary>Reports the missing stack effect.</summary>
    public StackEffectUnavailableException(Opcode opcode, string reason)
        : base($"No stack effect for {opcode} in {opcode.Table.Describe()}: {reason}")
    {
        Opcode = opcode;
    }

    /// <summary>The opcode that was asked about.</summary>
    public Opcode Opcode { get; }
}
