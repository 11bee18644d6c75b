using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// 3.11: zero-cost exceptions. BEFORE_ASYNC_WITH, awaits as GET_AWAITABLE n (1: __aenter__, 2: __aexit__) and a
/// SEND / YIELD_VALUE / RESUME 3 / JUMP_BACKWARD_NO_INTERRUPT loop; the with body and its WITH_EXCEPT_START handler
/// are exception regions (lasti); async for protects GET_ANEXT and its await with a region whose handler is END_ASYNC_FOR.
/// 3.11 places the handler's COPY 3 / POP_EXCEPT / RERAISE 1 cleanup before the suppressing path, which falls through.
/// </summary>
internal class AsyncLowering311 : AsyncLowering
{
    /// <summary>3.11: ASYNC_GEN_WRAP marks the value an async generator yields (apart from the awaits' yields).</summary>
    public override void WrapAsyncGenYield(CodeGen g) => g.Op("ASYNC_GEN_WRAP");

    /// <summary>YIELD_VALUE's argument where it has one (3.12: 0; 3.13+: 1, "inside an await").</summary>
    protected virtual int YieldArg => 0;

    /// <summary>The awaited value's stack items after GET_AWAITABLE / GET_ANEXT (3.15 pads it with NULL).</summary>
    protected virtual void PadAwaitable(CodeGen g)
    {
    }

    /// <summary>Awaits the awaitable on top: the SEND loop. Returns the label of its exit (END_SEND from 3.12).</summary>
    protected Label SendLoop(CodeGen g)
    {
        var top = new Label();
        var exit = new Label();
        g.LoadConst(null);
        g.Mark(top);
        g.Op("SEND", exit);
        if (g.Table["YIELD_VALUE"].HasArg)
        {
            g.Op("YIELD_VALUE", YieldArg);
        }
        else
        {
            g.Op("YIELD_VALUE");
        }

        g.Op("RESUME", 3);
        g.Op("JUMP_BACKWARD_NO_INTERRUPT", top);
        g.Mark(exit);
        if (g.Has("END_SEND"))
        {
            g.Op("END_SEND");
        }

        return exit;
    }

    private void Await(CodeGen g, int where)
    {
        g.Op("GET_AWAITABLE", where);
        PadAwaitable(g);
        SendLoop(g);
    }

    /// <summary>Pushes the exit and the awaited __aenter__ result; returns the stack items the exit takes (3.14+: two).</summary>
    protected virtual int Enter(CodeGen g)
    {
        g.Op("BEFORE_ASYNC_WITH");
        return 1;
    }

    /// <summary>Calls the exit with three Nones (the result is then awaited).</summary>
    protected virtual void CallExit(CodeGen g)
    {
        g.LoadConst(null);
        g.LoadConst(null);
        g.LoadConst(null);
        g.Era.Calls.CallStacked(g, 3);
    }

    private void Exit(CodeGen g)
    {
        CallExit(g);
        Await(g, 2);
        g.Op("POP_TOP");
    }

    /// <summary>3.11: the cleanup block comes before the suppressing path; 3.12+: after it.</summary>
    protected virtual bool CleanupFirst => true;

    /// <summary>3.14+: NOT_TAKEN after each awaited __anext__ (the loop goes on).</summary>
    protected virtual void AfterNext(CodeGen g)
    {
    }

    /// <summary>END_ASYNC_FOR (3.14+: with a reference to the END_SEND of the awaited __anext__, for monitoring).</summary>
    protected virtual void EndAsyncFor(CodeGen g, Label send) => g.Op("END_ASYNC_FOR");

    public override void With(CodeGen g, WithStmt w)
    {
        RequireCoroutine(g, "async with");
        var d = g.BaseDepth;
        g.Expr(w.Context);
        var exitItems = Enter(g);
        Await(g, 1);
        var handler = new Label();
        var end = new Label();
        var region = new ExceptionRegion(handler, d + exitItems, true);
        g.Add(new TryBegin(region));
        g.FBlocks.Add(new FBlock(FBlockKind.With, exitItems) { Region = region, Unwind = (gen, preserve) => Leave(gen, exitItems, preserve) });
        g.StoreOrPop(w.Target);

        g.Body(w.Body);
        g.FBlocks.RemoveAt(g.FBlocks.Count - 1);
        g.Add(new TryEnd(region));
        if (!CodeGen.EndsTerminal(w.Body))
        {
            Exit(g);
            g.Era.Jumps.Jump(g, end);
        }

        g.Mark(handler);
        var cleanup = new Label();
        var cregion = new ExceptionRegion(cleanup, d + exitItems + 2, true);
        var suppress = new Label();
        g.Op("PUSH_EXC_INFO");
        g.Add(new TryBegin(cregion));
        g.Op("WITH_EXCEPT_START");
        Await(g, 2);
        g.Era.Jumps.JumpIf(g, true, suppress, isBool: false);
        g.Op("RERAISE", 2);
        if (CleanupFirst)
        {
            g.Add(new TryEnd(cregion));
            Cleanup(g, cleanup);
            g.Mark(suppress);
            g.Add(new TryBegin(cregion));
        }
        else
        {
            g.Mark(suppress);
        }

        g.Op("POP_TOP");
        g.Add(new TryEnd(cregion));
        g.Op("POP_EXCEPT");
        for (var k = 0; k < exitItems + 1; k++)
        {
            g.Op("POP_TOP");
        }

        if (!CleanupFirst)
        {
            g.Era.Jumps.Jump(g, end);
            Cleanup(g, cleanup);
        }

        g.Mark(end);
    }

    private static void Cleanup(CodeGen g, Label cleanup)
    {
        g.Mark(cleanup);
        g.Op("COPY", 3);
        g.Op("POP_EXCEPT");
        g.Op("RERAISE", 1);
    }

    /// <summary>return / break / continue out of the body: the value kept on top, the exit called and awaited.</summary>
    private void Leave(CodeGen g, int exitItems, bool preserve)
    {
        if (preserve)
        {
            g.Op("SWAP", exitItems + 1);
            if (exitItems == 2)
            {
                g.Op("SWAP", 2);
            }
        }

        Exit(g);
    }

    public override void For(CodeGen g, ForStmt f)
    {
        RequireCoroutine(g, "async for");
        var d = g.BaseDepth;
        var top = new Label();
        var handler = new Label();
        var after = new Label();
        g.Expr(f.Iter);
        g.Op("GET_AITER");
        g.Mark(top);
        var region = new ExceptionRegion(handler, d + 1, false);
        g.Add(new TryBegin(region));
        g.Op("GET_ANEXT");
        PadAwaitable(g);
        var send = SendLoop(g);
        g.Add(new TryEnd(region));
        AfterNext(g);
        var before = g.ForLoopBody(f, top, after, 1);
        g.Mark(handler);
        EndAsyncFor(g, send);
        g.Body(f.OrElse);
        g.Mark(after);
        g.Assigned = before;
    }
}

/// <summary>3.12: END_SEND closes each await; YIELD_VALUE has an argument; the suppressing path comes before the cleanup block.</summary>
internal class AsyncLowering312 : AsyncLowering311
{
    /// <summary>3.12+: CALL_INTRINSIC_1 INTRINSIC_ASYNC_GEN_WRAP.</summary>
    public override void WrapAsyncGenYield(CodeGen g) => g.Op("CALL_INTRINSIC_1", 4);

    protected override bool CleanupFirst => false;
}

/// <summary>3.13: YIELD_VALUE 1 inside awaits (TO_BOOL before the suppress test comes from the jump strategy).</summary>
internal class AsyncLowering313 : AsyncLowering312
{
    protected override int YieldArg => 1;
}

/// <summary>
/// 3.14: __aexit__ and __aenter__ loaded with LOAD_SPECIAL 3 / 2 (two stack items each), the exit called with CALL 3,
/// NOT_TAKEN after each awaited __anext__, END_ASYNC_FOR referring back to its END_SEND.
/// </summary>
internal class AsyncLowering314 : AsyncLowering313
{
    protected override int Enter(CodeGen g)
    {
        g.Op("COPY", 1);
        g.Op("LOAD_SPECIAL", 3);
        g.Op("SWAP", 2);
        g.Op("SWAP", 3);
        g.Op("LOAD_SPECIAL", 2);
        g.Op("CALL", 0);
        return 2;
    }

    protected override void CallExit(CodeGen g)
    {
        g.LoadConst(null);
        g.LoadConst(null);
        g.LoadConst(null);
        g.Op("CALL", 3);
    }

    protected override void AfterNext(CodeGen g) => g.Op("NOT_TAKEN");

    protected override void EndAsyncFor(CodeGen g, Label send) => g.Op("END_ASYNC_FOR", send);
}

/// <summary>3.15: an awaitable takes two stack items (PUSH_NULL after GET_AWAITABLE / GET_ANEXT).</summary>
internal sealed class AsyncLowering315 : AsyncLowering314
{
    protected override void PadAwaitable(CodeGen g) => g.Op("PUSH_NULL");
}
