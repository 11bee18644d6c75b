namespace ByteFluent.Versions;

/// <summary>
/// The stack effect of one instruction as byteplay's <c>getse</c> gave it: how many items it pops and how many it
/// pushes (an item that is only inspected counts as popped and pushed again).
/// </summary>
/// <param name="Pop">Items removed from the stack.</param>
/// <param name="Push">Items put on the stack.</param>
public readonly record struct OpcodeStackEffect(int Pop, int Push)
{
    /// <summary>The net change of the stack depth, <c>Push - Pop</c>, as <c>dis.stack_effect</c> reports it.</summary>
    public int Net => Push - Pop;
}
