using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>Loops of 3.8–3.9: no block setup; FOR_ITER, JUMP_ABSOLUTE back; break pops the iterator.</summary>
internal class LoopLowering38
{
    public virtual void For(CodeGen g, ForStmt f)
    {
        var top = new Label();
        var exit = new Label();
        var after = new Label();
        g.Expr(f.Iter);
        g.Op("GET_ITER");
        g.Mark(top);
        g.Op("FOR_ITER", exit);
        var before = g.ForLoopBody(f, top, after, IteratorSlots);
        g.Mark(exit);
        EndFor(g);
        g.Body(f.OrElse);
        g.Mark(after);
        g.Assigned = before;
    }

    protected virtual void EndFor(CodeGen g)
    {
    }

    /// <summary>Stack items an iterator takes while a for loop runs (3.15: the iterator and an index slot).</summary>
    public virtual int IteratorSlots => 1;

    /// <summary>Drops the iterator (break, return).</summary>
    public void PopIterator(CodeGen g)
    {
        for (var k = 0; k < IteratorSlots; k++)
        {
            g.Op("POP_TOP");
        }
    }

    /// <summary>What follows an exhausted FOR_ITER (comprehensions too).</summary>
    public void EndForPublic(CodeGen g) => EndFor(g);

    /// <summary>Whether the loop test is repeated at the bottom (3.10–3.13's compilers do it).</summary>
    protected virtual bool TestAtBottom => false;

    public virtual void While(CodeGen g, WhileStmt w)
    {
        var top = new Label();
        var exit = new Label();
        var after = new Label();
        var bodyStart = new Label();
        var truth = g.ConstantTruth(w.Test);
        if (truth == false)
        {
            g.Body(w.OrElse);
            return;
        }

        var before = new HashSet<string>(g.Assigned);
        g.Mark(top);
        if (truth is null)
        {
            g.Condition(w.Test, false, exit);
        }

        g.Mark(bodyStart);
        g.FBlocks.Add(new FBlock(FBlockKind.WhileLoop, 0) { Continue = top, Break = after });
        g.Body(w.Body);
        g.FBlocks.RemoveAt(g.FBlocks.Count - 1);
        if (!CodeGen.EndsTerminal(w.Body))
        {
            if (truth is null && TestAtBottom)
            {
                g.Line(w.Line);   // the repeated test is on the while's line (3.13's superinstructions stay within one line)
                BottomTest(g, w.Test, bodyStart, exit);
            }
            else
            {
                g.Era.Jumps.JumpBackward(g, truth is null ? top : bodyStart);
            }
        }

        g.Assigned = before;
        g.Mark(exit);
        g.Body(w.OrElse);
        g.Mark(after);
        g.Assigned = before;
    }

    private static void BottomTest(CodeGen g, Expr test, Label bodyStart, Label exit)
    {
        if (test is CompareExpr { Rest.Count: 1 } c && !(c.Rest[0].Op is CompareOperator.Is or CompareOperator.IsNot && c.Rest[0].Right is ConstExpr { Value: null }))
        {
            g.Expr(c.Left);
            g.Expr(c.Rest[0].Right);
            g.Era.Operators.Compare(g, c.Rest[0].Op, toBool: true);
            g.Era.Jumps.JumpIfBackward(g, true, bodyStart, isBool: true);
            return;
        }

        if (test is BoolExpr or UnaryExpr { Op: UnaryOperator.Not } or CompareExpr)
        {
            g.Condition(test, false, exit);
            g.Era.Jumps.JumpBackward(g, bodyStart);
            return;
        }

        g.Expr(test);
        g.Era.Jumps.JumpIfBackward(g, true, bodyStart, isBool: false);
    }

    public virtual void Break(CodeGen g)
    {
        var i = LoopIndex(g, "break");
        g.Era.Try.UnwindTo(g, i + 1, preserve: false);
        if (g.FBlocks[i].Kind == FBlockKind.ForLoop)
        {
            // The loop's own item count: an async for's iterator is one item even where a for's takes two (3.15).
            for (var k = 0; k < g.FBlocks[i].Pushes; k++)
            {
                g.Op("POP_TOP");
            }
        }

        BreakJump(g, g.FBlocks[i].Break!);
        g.Era.Try.AfterExit(g);
    }

    /// <summary>3.8–3.9's compiler leaves a loop with JUMP_ABSOLUTE (3.10+: the era's forward jump).</summary>
    protected virtual void BreakJump(CodeGen g, Label target) => g.Op("JUMP_ABSOLUTE", target);

    public virtual void Continue(CodeGen g)
    {
        var i = LoopIndex(g, "continue");
        g.Era.Try.UnwindTo(g, i + 1, preserve: false);
        g.Era.Jumps.JumpBackward(g, g.FBlocks[i].Continue!);
        g.Era.Try.AfterExit(g);
    }

    protected static int LoopIndex(CodeGen g, string what)
    {
        for (var k = g.FBlocks.Count - 1; k >= 0; k--)
        {
            if (g.FBlocks[k].Kind is FBlockKind.ForLoop or FBlockKind.WhileLoop)
            {
                return k;
            }
        }

        throw new PortableNotSupportedException($"'{what}' outside a loop");
    }
}

/// <summary>Loops of 2.7–3.7: SETUP_LOOP / POP_BLOCK, BREAK_LOOP, CONTINUE_LOOP inside a try.</summary>
internal sealed class LoopLoweringSetupLoop : LoopLowering38
{
    public override void For(CodeGen g, ForStmt f)
    {
        var top = new Label();
        var exit = new Label();
        var after = new Label();
        g.Op("SETUP_LOOP", after);
        g.Expr(f.Iter);
        g.Op("GET_ITER");
        g.Mark(top);
        g.Op("FOR_ITER", exit);
        var before = new HashSet<string>(g.Assigned);
        g.FBlocks.Add(new FBlock(FBlockKind.ForLoop, 1) { Continue = top, Break = after, IsSetupBlock = true });
        g.Store(f.Target);
        g.Body(f.Body);
        if (!CodeGen.EndsTerminal(f.Body))
        {
            g.Op("JUMP_ABSOLUTE", top);
        }

        g.FBlocks.RemoveAt(g.FBlocks.Count - 1);
        g.Mark(exit);
        g.Op("POP_BLOCK");
        g.Body(f.OrElse);
        g.Mark(after);
        g.Assigned = before;
    }

    public override void While(CodeGen g, WhileStmt w)
    {
        var truth = g.ConstantTruth(w.Test);
        if (truth == false)
        {
            g.Body(w.OrElse);
            return;
        }

        var top = new Label();
        var exit = new Label();
        var after = new Label();
        g.Op("SETUP_LOOP", after);
        g.Mark(top);
        if (truth is null)
        {
            g.Condition(w.Test, false, exit);
        }

        var before = new HashSet<string>(g.Assigned);
        g.FBlocks.Add(new FBlock(FBlockKind.WhileLoop, 0) { Continue = top, Break = after, IsSetupBlock = true });
        g.Body(w.Body);
        if (!CodeGen.EndsTerminal(w.Body))
        {
            g.Op("JUMP_ABSOLUTE", top);
        }

        g.FBlocks.RemoveAt(g.FBlocks.Count - 1);
        g.Mark(exit);
        g.Op("POP_BLOCK");
        g.Body(w.OrElse);
        g.Mark(after);
        g.Assigned = before;
    }

    public override void Break(CodeGen g)
    {
        LoopIndex(g, "break");
        g.Op("BREAK_LOOP");
    }

    public override void Continue(CodeGen g)
    {
        var i = LoopIndex(g, "continue");
        var insideBlock = g.FBlocks.Skip(i + 1).Any(b => b.IsSetupBlock && b.Kind is not (FBlockKind.ForLoop or FBlockKind.WhileLoop));
        if (insideBlock && g.FBlocks.Skip(i + 1).Any(b => b.Kind == FBlockKind.FinallyEnd))
        {
            throw g.NotOn("continue inside a finally block").Because();
        }

        g.Op(insideBlock ? "CONTINUE_LOOP" : "JUMP_ABSOLUTE", g.FBlocks[i].Continue!);
    }
}

/// <summary>3.10: the while test is repeated at the bottom of the loop.</summary>
internal class LoopLowering310 : LoopLowering38
{
    protected override bool TestAtBottom => true;

    protected override void BreakJump(CodeGen g, Label target) => g.Era.Jumps.Jump(g, target);
}

/// <summary>3.11: as 3.10 (JUMP_BACKWARD comes from the jump strategy).</summary>
internal class LoopLowering311 : LoopLowering310
{
}

/// <summary>3.12: END_FOR after the loop.</summary>
internal class LoopLowering312 : LoopLowering311
{
    protected override void EndFor(CodeGen g) => g.Op("END_FOR");
}

/// <summary>3.13: END_FOR, POP_TOP.</summary>
internal sealed class LoopLowering313 : LoopLowering312
{
    protected override void EndFor(CodeGen g)
    {
        g.Op("END_FOR");
        g.Op("POP_TOP");
    }
}

/// <summary>3.15: a running iterator takes two stack items.</summary>
internal sealed class LoopLowering315 : LoopLowering314
{
    public override int IteratorSlots => 2;
}

/// <summary>3.14+: END_FOR, POP_ITER; the while test is no longer repeated.</summary>
internal class LoopLowering314 : LoopLowering38
{
    protected override void BreakJump(CodeGen g, Label target) => g.Era.Jumps.Jump(g, target);

    protected override void EndFor(CodeGen g)
    {
        g.Op("END_FOR");
        g.Op("POP_ITER");
    }
}
