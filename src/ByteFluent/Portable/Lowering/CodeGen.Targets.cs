using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

internal sealed partial class CodeGen
{
    /// <summary>
    /// What every for loop (plain or async, each era) does between fetching the next item and its exit: the item
    /// stored into the target, the body inside a loop block (<paramref name="top"/> for continue, <paramref name="after"/>
    /// for break), the jump back unless the body ends terminally. Names first bound in the body are not known bound
    /// after the loop (it may run zero times): the names bound before it are returned for the caller to restore after
    /// the loop's else.
    /// </summary>
    public HashSet<string> ForLoopBody(ForStmt f, Label top, Label after, int iteratorSlots)
    {
        var before = new HashSet<string>(Assigned);
        FBlocks.Add(new FBlock(FBlockKind.ForLoop, iteratorSlots) { Continue = top, Break = after });
        Store(f.Target);
        Body(f.Body);
        if (!EndsTerminal(f.Body))
        {
            Era.Jumps.JumpBackward(this, top);
        }

        FBlocks.RemoveAt(FBlocks.Count - 1);
        Assigned = before;
        return before;
    }

    /// <summary>Stores the value on top into <paramref name="target"/> (a with's <c>as</c>), or drops it when there is none.</summary>
    public void StoreOrPop(Expr? target)
    {
        if (target is null)
        {
            Op("POP_TOP");
        }
        else
        {
            Store(target);
        }
    }
}
