using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// try/except/finally, with, and unwinding on return/break/continue. 2.7: SETUP_EXCEPT / SETUP_FINALLY / SETUP_WITH
/// blocks that RETURN_VALUE and BREAK_LOOP unwind at run time, COMPARE_OP exception-match, END_FINALLY.
/// </summary>
internal class TryLowering27
{
    public void Try(CodeGen g, TryStmt t)
    {
        if (t.Finally.Count == 0)
        {
            TryExcept(g, t.Body, t.Handlers, t.OrElse);
        }
        else
        {
            TryFinally(g, t);
        }
    }

    protected static void Push(CodeGen g, FBlock b) => g.FBlocks.Add(b);

    protected static void Pop(CodeGen g) => g.FBlocks.RemoveAt(g.FBlocks.Count - 1);

    protected virtual string SetupExcept => "SETUP_EXCEPT";

    protected virtual void ExceptMatch(CodeGen g, Label next)
    {
        g.Op("COMPARE_OP", new Comparison("exception match"));
        g.Op("POP_JUMP_IF_FALSE", next);
    }

    protected virtual void TryExcept(CodeGen g, IReadOnlyList<Stmt> body, IReadOnlyList<ExceptHandler> handlers, IReadOnlyList<Stmt> orElse)
    {
        var handler = new Label();
        var orElseLabel = new Label();
        var end = new Label();
        g.Op(SetupExcept, handler);
        Push(g, new FBlock(FBlockKind.TryExcept, 0) { IsSetupBlock = true });
        var before = new HashSet<string>(g.Assigned);
        g.Body(body);
        Pop(g);
        g.Assigned = new HashSet<string>(before);
        if (!CodeGen.EndsTerminal(body) || EmitsDeadExit(body))
        {
            g.Op("POP_BLOCK");
            g.Op("JUMP_FORWARD", orElseLabel);
            LayoutHints.MarkNoLine((Instr)g.Code.CodeList[^1]);
        }

        g.Mark(handler);
        foreach (var h in handlers)
        {
            var next = new Label();
            if (h.Type is not null)
            {
                g.Op("DUP_TOP");
                g.Expr(h.Type);
                ExceptMatch(g, next);
            }

            g.Op("POP_TOP");
            if (h.Name is not null)
            {
                g.StoreName(h.Name);
            }
            else
            {
                g.Op("POP_TOP");
            }

            g.Op("POP_TOP");
            HandlerBody(g, h, end);
            g.Assigned = new HashSet<string>(before);
            g.Mark(next);
        }

        EndHandlers(g);
        g.Mark(orElseLabel);
        g.Body(orElse);
        g.Mark(end);
        g.Assigned = before;
    }

    protected virtual void EndHandlers(CodeGen g) => g.Op("END_FINALLY");

    /// <summary>
    /// Whether the compiler still emits a body's exit (block pops, the jump to the end) after its last statement returns,
    /// raises, breaks or continues: 2.7–3.9 compile it as dead code; 3.6–3.9's peephole pass drops what follows a return
    /// up to the next block; 3.10 removes unreachable code.
    /// </summary>
    protected virtual bool EmitsDeadExit(IReadOnlyList<Stmt> body) => body.Count > 0 && CodeGen.IsTerminal(body[^1]);

    protected virtual void HandlerBody(CodeGen g, ExceptHandler h, Label end)
    {
        // 2.7: the handler has popped the exception and runs outside any block (a continue there is a plain jump).
        Push(g, new FBlock(FBlockKind.Handler, 0));
        g.Body(h.Body);
        Pop(g);
        if (!CodeGen.EndsTerminal(h.Body) || EmitsDeadExit(h.Body))
        {
            g.Op("JUMP_FORWARD", end);
        }
    }

    protected virtual void TryFinally(CodeGen g, TryStmt t)
    {
        var fin = new Label();
        g.Op("SETUP_FINALLY", fin);
        Push(g, new FBlock(FBlockKind.FinallyTry, 0) { IsSetupBlock = true, FinallyBody = t.Finally, FinallyLabel = fin });
        var before = new HashSet<string>(g.Assigned);
        BodyOrExcept(g, t);
        Pop(g);
        g.Assigned = before;
        g.Op("POP_BLOCK");
        EnterFinally(g);
        g.Mark(fin);
        Push(g, new FBlock(FBlockKind.FinallyEnd, 1) { IsSetupBlock = true });
        g.Body(t.Finally);
        Pop(g);
        g.Op("END_FINALLY");
    }

    protected void BodyOrExcept(CodeGen g, TryStmt t)
    {
        if (t.Handlers.Count > 0)
        {
            TryExcept(g, t.Body, t.Handlers, t.OrElse);
        }
        else
        {
            g.Body(t.Body);
        }
    }

    protected virtual void EnterFinally(CodeGen g) => g.LoadConst(null);

    public virtual void With(CodeGen g, WithStmt w)
    {
        var fin = new Label();
        g.Expr(w.Context);
        g.Op("SETUP_WITH", fin);
        Push(g, new FBlock(FBlockKind.With, 1) { IsSetupBlock = true });
        g.StoreOrPop(w.Target);
        g.Body(w.Body);
        Pop(g);
        if (EmitsWithExit(w.Body))
        {
            g.Op("POP_BLOCK");
            EnterFinally(g);
        }

        g.Mark(fin);
        WithCleanup(g);
        g.Op("END_FINALLY");
    }

    /// <summary>
    /// Whether a with body's normal exit is emitted: when the body can end normally, and as dead code after its last
    /// statement unless <see cref="EmitsDeadExit"/> says the compiler drops it (3.6–3.9 after a return). 3.10's layout pass
    /// empties what is unreachable.
    /// </summary>
    protected bool EmitsWithExit(IReadOnlyList<Stmt> body) =>
        !CodeGen.EndsTerminal(body) || !CodeGen.IsTerminal(body[^1]) || EmitsDeadExit(body);

    protected virtual void WithCleanup(CodeGen g) => g.Op("WITH_CLEANUP");

    /// <summary>After the return or jump that followed <see cref="UnwindTo"/>: 3.11+ reopens the regions it closed.</summary>
    public virtual void AfterExit(CodeGen g)
    {
    }

    /// <summary>Before return: leaves every enclosing block (the value to return, if any, is on top).</summary>
    public void UnwindAll(CodeGen g, bool preserve) => UnwindTo(g, 0, preserve);

    /// <summary>Leaves the blocks above index <paramref name="keep"/> (innermost first); 3.11+ regions are closed and reopened after.</summary>
    public virtual void UnwindTo(CodeGen g, int keep, bool preserve)
    {
        // 2.7–3.7: RETURN_VALUE, BREAK_LOOP and CONTINUE_LOOP unwind the block stack at run time.
    }
}

/// <summary>3.6–3.7: POP_EXCEPT, the name cleanup of <c>except … as name</c>, WITH_CLEANUP_START / FINISH.</summary>
internal class TryLowering36 : TryLowering27
{
    protected override bool EmitsDeadExit(IReadOnlyList<Stmt> body) => base.EmitsDeadExit(body) && body[^1] is not ReturnStmt;

    protected override void HandlerBody(CodeGen g, ExceptHandler h, Label end)
    {
        if (h.Name is null)
        {
            Push(g, new FBlock(FBlockKind.Handler, 3) { IsSetupBlock = true });
            g.Body(h.Body);
            Pop(g);
            if (!CodeGen.EndsTerminal(h.Body) || EmitsDeadExit(h.Body))
            {
                g.Op("POP_EXCEPT");
                g.Op("JUMP_FORWARD", end);
            }

            return;
        }

        var cleanup = new Label();
        g.Op("SETUP_FINALLY", cleanup);
        Push(g, new FBlock(FBlockKind.HandlerCleanup, 3) { IsSetupBlock = true, HandlerName = h.Name, FinallyLabel = cleanup });
        g.Body(h.Body);
        Pop(g);
        // Emitted after a terminal body too (dead code, as the compiler leaves it).
        g.Op("POP_BLOCK");
        if (PopsExceptBeforeCleanup)
        {
            g.Op("POP_EXCEPT");
        }

        EnterFinally(g);
        g.Mark(cleanup);
        ClearName(g, h.Name);
        g.Op("END_FINALLY");
        if (!PopsExceptBeforeCleanup)
        {
            g.Op("POP_EXCEPT");
        }

        g.Op("JUMP_FORWARD", end);
    }

    /// <summary>3.6: a named handler's normal exit pops the exception before its name cleanup (3.7+: after it, at END_FINALLY).</summary>
    protected virtual bool PopsExceptBeforeCleanup => true;

    protected static void ClearName(CodeGen g, string name)
    {
        g.LoadConst(null);
        g.StoreName(name);
        g.DeleteName(name);
    }

    protected override void WithCleanup(CodeGen g)
    {
        g.Op("WITH_CLEANUP_START");
        g.Op("WITH_CLEANUP_FINISH");
    }
}

/// <summary>3.7: a named handler's exception is popped after the name cleanup.</summary>
internal class TryLowering37 : TryLowering36
{
    protected override bool PopsExceptBeforeCleanup => false;
}

/// <summary>3.8: SETUP_FINALLY for except too, BEGIN_FINALLY / CALL_FINALLY / POP_FINALLY, compile-time unwinding.</summary>
internal class TryLowering38 : TryLowering37
{
    protected override string SetupExcept => "SETUP_FINALLY";

    protected override void EnterFinally(CodeGen g) => g.Op("BEGIN_FINALLY");

    /// <summary>
    /// 3.8+ unwind at compile time: each enclosing block is left by the instructions of its kind, innermost first; the
    /// eras differ only in how a finally body, a with block and a named handler's cleanup are left.
    /// </summary>
    public override void UnwindTo(CodeGen g, int keep, bool preserve)
    {
        for (var k = g.FBlocks.Count - 1; k >= keep; k--)
        {
            var b = g.FBlocks[k];
            if (b.Unwind is { } unwind)
            {
                unwind(g, preserve);
                continue;
            }

            switch (b.Kind)
            {
                case FBlockKind.ForLoop:
                    Rotate(g, preserve, "ROT_TWO");
                    g.Op("POP_TOP");
                    break;
                case FBlockKind.TryExcept:
                    g.Op("POP_BLOCK");
                    break;
                case FBlockKind.FinallyTry:
                    g.Op("POP_BLOCK");
                    LeaveFinallyTry(g, k, b);
                    break;
                case FBlockKind.With:
                    g.Op("POP_BLOCK");
                    Rotate(g, preserve, "ROT_TWO");
                    LeaveWith(g);
                    break;
                case FBlockKind.Handler:
                    Rotate(g, preserve, "ROT_FOUR");
                    g.Op("POP_EXCEPT");
                    break;
                case FBlockKind.HandlerCleanup:
                    LeaveHandlerCleanup(g, b, preserve);
                    break;
                case FBlockKind.FinallyEnd:
                    throw g.NotOn("return, break or continue inside a finally block").Because();
            }
        }
    }

    /// <summary>Keeps the value being returned on top while a block's items below it are removed.</summary>
    protected static void Rotate(CodeGen g, bool preserve, string rotation)
    {
        if (preserve)
        {
            g.Op(rotation);
        }
    }

    /// <summary>3.8: the finally body is a subroutine, called.</summary>
    protected virtual void LeaveFinallyTry(CodeGen g, int index, FBlock b) => g.Op("CALL_FINALLY", b.FinallyLabel!);

    /// <summary>3.8: the with block's exit runs through its cleanup opcodes.</summary>
    protected virtual void LeaveWith(CodeGen g)
    {
        g.Op("BEGIN_FINALLY");
        g.Op("WITH_CLEANUP_START");
        g.Op("WITH_CLEANUP_FINISH");
        g.Op("POP_FINALLY", 0);
    }

    /// <summary>3.8: an <c>except … as name</c> body's cleanup is a finally subroutine too.</summary>
    protected virtual void LeaveHandlerCleanup(CodeGen g, FBlock b, bool preserve)
    {
        Rotate(g, preserve, "ROT_FOUR");
        g.Op("POP_BLOCK");
        g.Op("POP_EXCEPT");
        g.Op("CALL_FINALLY", b.FinallyLabel!);
    }
}

/// <summary>3.9–3.10: JUMP_IF_NOT_EXC_MATCH, RERAISE, finally bodies copied on the normal path, WITH_EXCEPT_START.</summary>
internal class TryLowering39 : TryLowering38
{
    protected virtual void Reraise(CodeGen g, int n) => g.Op("RERAISE");

    protected override void ExceptMatch(CodeGen g, Label next) => g.Op("JUMP_IF_NOT_EXC_MATCH", next);

    protected override void EndHandlers(CodeGen g) => Reraise(g, 0);

    protected override void HandlerBody(CodeGen g, ExceptHandler h, Label end)
    {
        if (h.Name is null)
        {
            base.HandlerBody(g, h, end);
            return;
        }

        var cleanup = new Label();
        g.Op("SETUP_FINALLY", cleanup);
        Push(g, new FBlock(FBlockKind.HandlerCleanup, 3) { HandlerName = h.Name });
        g.Body(h.Body);
        Pop(g);
        if (!CodeGen.EndsTerminal(h.Body) || EmitsDeadExit(h.Body))
        {
            g.Op("POP_BLOCK");
            g.Op("POP_EXCEPT");
            ClearName(g, h.Name);
            g.Op("JUMP_FORWARD", end);
        }

        g.Mark(cleanup);
        ClearName(g, h.Name);
        Reraise(g, 1);
    }

    protected override void TryFinally(CodeGen g, TryStmt t)
    {
        var fin = new Label();
        var end = new Label();
        g.Op("SETUP_FINALLY", fin);
        Push(g, new FBlock(FBlockKind.FinallyTry, 0) { FinallyBody = t.Finally });
        var before = new HashSet<string>(g.Assigned);
        BodyOrExcept(g, t);
        Pop(g);
        g.Assigned = new HashSet<string>(before);
        g.Op("POP_BLOCK");
        g.Body(t.Finally);
        if (!CodeGen.EndsTerminal(t.Finally))
        {
            g.Op("JUMP_FORWARD", end);
        }

        g.Mark(fin);
        Push(g, new FBlock(FBlockKind.FinallyEnd, 3));
        g.Body(t.Finally);
        Pop(g);
        Reraise(g, 0);
        g.Mark(end);
        g.Assigned = before;
    }

    public override void With(CodeGen g, WithStmt w)
    {
        var handler = new Label();
        var end = new Label();
        var suppress = new Label();
        g.Expr(w.Context);
        g.Op("SETUP_WITH", handler);
        Push(g, new FBlock(FBlockKind.With, 1));
        g.StoreOrPop(w.Target);
        g.Body(w.Body);
        Pop(g);
        if (EmitsWithExit(w.Body))
        {
            g.Op("POP_BLOCK");
            CallExit(g);
            g.Op("JUMP_FORWARD", end);
        }

        g.Mark(handler);
        g.Op("WITH_EXCEPT_START");
        g.Op("POP_JUMP_IF_TRUE", suppress);
        Reraise(g, 1);
        g.Mark(suppress);
        g.Op("POP_TOP");
        g.Op("POP_TOP");
        g.Op("POP_TOP");
        g.Op("POP_EXCEPT");
        g.Op("POP_TOP");
        g.Mark(end);
    }

    private static void CallExit(CodeGen g)
    {
        g.LoadConst(null);
        g.Op("DUP_TOP");
        g.Op("DUP_TOP");
        g.Op("CALL_FUNCTION", 3);
        g.Op("POP_TOP");
    }

    /// <summary>3.9+: the finally body is copied in place.</summary>
    protected override void LeaveFinallyTry(CodeGen g, int index, FBlock b) => InlineFinally(g, index, b);

    /// <summary>3.9+: <c>__exit__(None, None, None)</c> is called directly.</summary>
    protected override void LeaveWith(CodeGen g) => CallExit(g);

    /// <summary>3.9+: the handler's name is cleared in place.</summary>
    protected override void LeaveHandlerCleanup(CodeGen g, FBlock b, bool preserve)
    {
        g.Op("POP_BLOCK");
        Rotate(g, preserve, "ROT_FOUR");
        g.Op("POP_EXCEPT");
        ClearName(g, b.HandlerName!);
    }

    protected static void InlineFinally(CodeGen g, int index, FBlock b)
    {
        // The finally body runs with the blocks outside it only (a return inside it leaves those).
        var saved = g.FBlocks.Skip(index).ToList();
        g.FBlocks.RemoveRange(index, g.FBlocks.Count - index);
        g.Body(b.FinallyBody!);
        g.FBlocks.AddRange(saved);
    }
}

/// <summary>3.10: RERAISE takes an argument.</summary>
internal sealed class TryLowering310 : TryLowering39
{
    protected override bool EmitsDeadExit(IReadOnlyList<Stmt> body) => false;

    protected override void Reraise(CodeGen g, int n) => g.Op("RERAISE", n);
}
