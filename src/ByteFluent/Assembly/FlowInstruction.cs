using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>One instruction as the stack-depth analysis sees it.</summary>
/// <param name="Opcode">The opcode.</param>
/// <param name="Arg">Its numeric argument.</param>
/// <param name="JumpTarget">Index of the instruction a jump goes to (the instruction count for "the end"), or -1.</param>
/// <param name="Handler">For 3.11+, the exception handler covering the instruction, or null.</param>
/// <param name="Constant">For LOAD_CONST, the constant it loads (see <see cref="StackDepthFoldedConstants"/>), or null.</param>
public readonly record struct FlowInstruction(Opcode Opcode, int Arg, int JumpTarget, FlowHandler? Handler, object? Constant = null);

/// <summary>A 3.11+ exception handler: where it starts and the stack it gets.</summary>
/// <param name="Target">Index of the handler's first instruction.</param>
/// <param name="Depth">The stack depth the handler keeps (from the exception table).</param>
/// <param name="Lasti">Whether the raising instruction's offset is pushed too.</param>
public readonly record struct FlowHandler(int Target, int Depth, bool Lasti)
{
    /// <summary>The depth at the handler's first instruction: kept items, lasti if any, and the exception.</summary>
    public int StartDepth => Depth + (Lasti ? 1 : 0) + 1;
}
