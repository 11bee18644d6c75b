using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>Jumps of 2.7–3.10: absolute POP_JUMP_IF_*, JUMP_ABSOLUTE backwards, JUMP_IF_*_OR_POP for and/or values.</summary>
internal class JumpLowering27
{
    public virtual bool HasNoneJumps => false;

    /// <summary>3.13+: conditional jumps need an exact bool (TO_BOOL first unless the value is one).</summary>
    public virtual bool NeedsToBool => false;

    public virtual void JumpIf(CodeGen g, bool when, Label target, bool isBool) => g.Op(when ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE", target);

    /// <summary>A conditional jump to an earlier place (loop bottoms).</summary>
    public virtual void JumpIfBackward(CodeGen g, bool when, Label target, bool isBool) => JumpIf(g, when, target, isBool);

    public virtual void JumpIfNone(CodeGen g, bool isNone, Label target) => throw new InvalidOperationException("no None jumps before 3.11");

    public virtual void Jump(CodeGen g, Label target) => g.Op("JUMP_FORWARD", target);

    public virtual void JumpBackward(CodeGen g, Label target) => g.Op("JUMP_ABSOLUTE", target);

    public virtual void ShortCircuit(CodeGen g, BoolExpr b)
    {
        var end = new Label();
        for (var k = 0; k < b.Values.Count - 1; k++)
        {
            g.Expr(b.Values[k]);
            g.Op(b.IsAnd ? "JUMP_IF_FALSE_OR_POP" : "JUMP_IF_TRUE_OR_POP", end);
        }

        g.Expr(b.Values[^1]);
        g.Mark(end);
    }
}

/// <summary>3.11: directional POP_JUMP_FORWARD/BACKWARD_IF_*, JUMP_BACKWARD, None jumps.</summary>
internal class JumpLowering311 : JumpLowering27
{
    public override bool HasNoneJumps => true;

    public override void JumpIf(CodeGen g, bool when, Label target, bool isBool) => g.Op(when ? "POP_JUMP_FORWARD_IF_TRUE" : "POP_JUMP_FORWARD_IF_FALSE", target);

    public override void JumpIfBackward(CodeGen g, bool when, Label target, bool isBool) => g.Op(when ? "POP_JUMP_BACKWARD_IF_TRUE" : "POP_JUMP_BACKWARD_IF_FALSE", target);

    public override void JumpIfNone(CodeGen g, bool isNone, Label target) => g.Op(isNone ? "POP_JUMP_FORWARD_IF_NONE" : "POP_JUMP_FORWARD_IF_NOT_NONE", target);

    public override void JumpBackward(CodeGen g, Label target) => g.Op("JUMP_BACKWARD", target);
}

/// <summary>3.12: forward-only POP_JUMP_IF_* (a backward one is a forward skip over JUMP_BACKWARD), and/or with COPY.</summary>
internal class JumpLowering312 : JumpLowering27
{
    public override bool HasNoneJumps => true;

    public override void JumpIf(CodeGen g, bool when, Label target, bool isBool)
    {
        if (NeedsToBool && !isBool)
        {
            g.Op("TO_BOOL");
        }

        g.Op(when ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE", target);
        NotTaken(g);
    }

    public override void JumpIfBackward(CodeGen g, bool when, Label target, bool isBool)
    {
        var skip = new Label();
        JumpIf(g, !when, skip, isBool);
        JumpBackward(g, target);
        g.Mark(skip);
    }

    public override void JumpIfNone(CodeGen g, bool isNone, Label target)
    {
        g.Op(isNone ? "POP_JUMP_IF_NONE" : "POP_JUMP_IF_NOT_NONE", target);
        NotTaken(g);
    }

    protected virtual void NotTaken(CodeGen g)
    {
    }

    public override void JumpBackward(CodeGen g, Label target) => g.Op("JUMP_BACKWARD", target);

    public override void ShortCircuit(CodeGen g, BoolExpr b)
    {
        var end = new Label();
        for (var k = 0; k < b.Values.Count - 1; k++)
        {
            g.Expr(b.Values[k]);
            g.Op("COPY", 1);
            JumpIf(g, !b.IsAnd, end, isBool: false);
            g.Op("POP_TOP");
        }

        g.Expr(b.Values[^1]);
        g.Mark(end);
    }
}

/// <summary>3.13: TO_BOOL before conditional jumps on non-bool values.</summary>
internal class JumpLowering313 : JumpLowering312
{
    public override bool NeedsToBool => true;
}

/// <summary>3.14+: NOT_TAKEN on the fall-through of every conditional jump.</summary>
internal sealed class JumpLowering314 : JumpLowering313
{
    protected override void NotTaken(CodeGen g) => g.Op("NOT_TAKEN");
}
