using ByteFluent.Model;

namespace ByteFluent.Portable.Lowering;

internal sealed partial class CodeGen
{
    /// <summary>The <c>return None</c> the compiler adds where a body falls off its end (no line number of its own).</summary>
    public void ImplicitReturn()
    {
        var from = Code.CodeList.Count;
        ReturnNone();
        for (var k = from; k < Code.CodeList.Count; k++)
        {
            if (Code.CodeList[k] is Instr ins)
            {
                LayoutHints.MarkNoLine(ins);
            }
        }
    }

    /// <summary>The jump that leaves an exception handler once it is done (3.13+: one the eval breaker does not interrupt).</summary>
    public void HandlerExitJump(Label target)
    {
        Era.Jumps.Jump(this, target);
        if (Code.CodeList[^1] is Instr ins)
        {
            LayoutHints.MarkNoInterrupt(ins);
        }
    }
}
