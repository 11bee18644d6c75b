using ByteFluent.Model;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// <c>async with</c> and <c>async for</c>, one strategy per bytecode era (chosen by <see cref="Of"/>). 2.7 has neither;
/// every version rejects them outside an <c>async def</c>, as CPython's compiler does (SyntaxError).
/// </summary>
internal class AsyncLowering
{
    public static AsyncLowering Of(PythonVersion v) => v.Major != 3 ? new AsyncLowering() : v.Minor switch
    {
        6 => new AsyncLowering36(),
        7 => new AsyncLowering37(),
        8 => new AsyncLowering38(),
        9 => new AsyncLowering39(),
        10 => new AsyncLowering310(),
        11 => new AsyncLowering311(),
        12 => new AsyncLowering312(),
        13 => new AsyncLowering313(),
        14 => new AsyncLowering314(),
        _ => new AsyncLowering315(),
    };

    public virtual void With(CodeGen g, WithStmt w) => throw g.NotOn("async with").Because();

    /// <summary>Before an async generator's YIELD_VALUE: nothing up to 3.10 (the interpreter wraps the value itself).</summary>
    public virtual void WrapAsyncGenYield(CodeGen g)
    {
    }

    public virtual void For(CodeGen g, ForStmt f) => throw g.NotOn("async for").Because();

    /// <summary>Both statements are only allowed directly in a coroutine's body (not at module level, not in a plain def or a lambda).</summary>
    protected static void RequireCoroutine(CodeGen g, string construct)
    {
        if (g.Scope.Kind != ScopeKind.Function || !g.Scope.IsCoroutine)
        {
            throw new PortableNotSupportedException($"'{construct}' outside an async function", g.Version, "CPython's compiler rejects it (SyntaxError)");
        }
    }

    /// <summary>Whether the body's last instruction is RETURN_VALUE (3.6–3.9 drop the unreachable code after it, nothing else).</summary>
    protected static bool EndsInReturn(IReadOnlyList<Stmt> body) => body.Count > 0
        && (body[^1] is ReturnStmt || (body[^1] is IfStmt i && i.OrElse.Count > 0 && EndsInReturn(i.Body) && EndsInReturn(i.OrElse)));
}

/// <summary>
/// 3.6–3.7: BEFORE_ASYNC_WITH, awaited __aenter__, SETUP_ASYNC_WITH, WITH_CLEANUP_START / awaited __aexit__ /
/// WITH_CLEANUP_FINISH / END_FINALLY; async for inside SETUP_LOOP, each __anext__ awaited under SETUP_EXCEPT with a
/// StopAsyncIteration match that leaves the loop. Break / continue / return unwind the block stack at run time.
/// </summary>
internal class AsyncLowering36 : AsyncLowering
{
    /// <summary>3.6: __aiter__ may still return an awaitable (the 3.5 protocol), so its result is awaited.</summary>
    protected virtual bool AwaitsAiter => true;

    /// <summary>The code that follows a body which cannot fall through is dropped by the era's peephole pass.</summary>
    protected virtual bool Unreachable(IReadOnlyList<Stmt> body) => EndsInReturn(body);

    protected static void Await(CodeGen g)
    {
        g.Op("GET_AWAITABLE");
        g.LoadConst(null);
        g.Op("YIELD_FROM");
    }

    /// <summary>Enters the finally part of the async with on the normal path (3.8: BEGIN_FINALLY).</summary>
    protected virtual void EnterFinally(CodeGen g) => g.LoadConst(null);

    public override void With(CodeGen g, WithStmt w)
    {
        RequireCoroutine(g, "async with");
        var fin = new Label();
        g.Expr(w.Context);
        g.Op("BEFORE_ASYNC_WITH");
        Await(g);
        g.Op("SETUP_ASYNC_WITH", fin);
        g.FBlocks.Add(new FBlock(FBlockKind.With, 1) { IsSetupBlock = true, Unwind = LeaveWith });
        g.StoreOrPop(w.Target);

        g.Body(w.Body);
        g.FBlocks.RemoveAt(g.FBlocks.Count - 1);
        if (!Unreachable(w.Body))
        {
            g.Op("POP_BLOCK");
            EnterFinally(g);
        }

        g.Mark(fin);
        Cleanup(g);
        g.Op("END_FINALLY");
    }

    protected static void Cleanup(CodeGen g)
    {
        g.Op("WITH_CLEANUP_START");
        Await(g);
        g.Op("WITH_CLEANUP_FINISH");
    }

    /// <summary>How return / break / continue leave the async with (3.6–3.7: the interpreter does it).</summary>
    protected virtual void LeaveWith(CodeGen g, bool preserve)
    {
    }

    public override void For(CodeGen g, ForStmt f)
    {
        RequireCoroutine(g, "async for");
        var top = new Label();
        var handler = new Label();
        var bodyStart = new Label();
        var stop = new Label();
        var after = new Label();
        g.Op("SETUP_LOOP", after);
        g.Expr(f.Iter);
        g.Op("GET_AITER");
        if (AwaitsAiter)
        {
            g.LoadConst(null);
            g.Op("YIELD_FROM");
        }

        g.Mark(top);
        g.Op("SETUP_EXCEPT", handler);
        g.Op("GET_ANEXT");
        g.LoadConst(null);
        g.Op("YIELD_FROM");
        var before = new HashSet<string>(g.Assigned);
        g.Store(f.Target);
        g.Op("POP_BLOCK");
        g.Op("JUMP_FORWARD", bodyStart);
        g.Mark(handler);
        g.Op("DUP_TOP");
        g.LoadName("StopAsyncIteration");
        g.Op("COMPARE_OP", new Comparison("exception match"));
        g.Op("POP_JUMP_IF_TRUE", stop);
        g.Op("END_FINALLY");
        g.Mark(bodyStart);
        g.FBlocks.Add(new FBlock(FBlockKind.ForLoop, 1) { Continue = top, Break = after, IsSetupBlock = true });
        g.Body(f.Body);
        if (!CodeGen.EndsTerminal(f.Body))
        {
            g.Op("JUMP_ABSOLUTE", top);
        }

        g.FBlocks.RemoveAt(g.FBlocks.Count - 1);
        g.Assigned = before;
        g.Mark(stop);
        g.Op("POP_TOP");
        g.Op("POP_TOP");
        g.Op("POP_TOP");
        g.Op("POP_EXCEPT");
        g.Op("POP_TOP");
        g.Op("POP_BLOCK");
        g.Body(f.OrElse);
        g.Mark(after);
        g.Assigned = before;
    }
}

/// <summary>3.7: __aiter__ returns the async iterator itself (not awaited).</summary>
internal sealed class AsyncLowering37 : AsyncLowering36
{
    protected override bool AwaitsAiter => false;
}

/// <summary>
/// 3.8: BEGIN_FINALLY, compile-time unwinding of the async with (POP_BLOCK, BEGIN_FINALLY, cleanup, POP_FINALLY 0);
/// async for without SETUP_LOOP: SETUP_FINALLY around the awaited __anext__, END_ASYNC_FOR as its handler.
/// </summary>
internal class AsyncLowering38 : AsyncLowering36
{
    protected override bool AwaitsAiter => false;

    protected override void EnterFinally(CodeGen g) => g.Op("BEGIN_FINALLY");

    protected override void LeaveWith(CodeGen g, bool preserve)
    {
        g.Op("POP_BLOCK");
        if (preserve)
        {
            g.Op("ROT_TWO");
        }

        g.Op("BEGIN_FINALLY");
        Cleanup(g);
        g.Op("POP_FINALLY", 0);
    }

    public override void For(CodeGen g, ForStmt f)
    {
        RequireCoroutine(g, "async for");
        var top = new Label();
        var handler = new Label();
        var after = new Label();
        g.Expr(f.Iter);
        g.Op("GET_AITER");
        g.Mark(top);
        g.Op("SETUP_FINALLY", handler);
        g.Op("GET_ANEXT");
        g.LoadConst(null);
        g.Op("YIELD_FROM");
        g.Op("POP_BLOCK");
        var before = g.ForLoopBody(f, top, after, 1);
        g.Mark(handler);
        g.Op("END_ASYNC_FOR");
        g.Body(f.OrElse);
        g.Mark(after);
        g.Assigned = before;
    }
}

/// <summary>
/// 3.9: the async with's exits call <c>__exit__(None, None, None)</c> and await it in place; the exception path is
/// WITH_EXCEPT_START, the awaited result, POP_JUMP_IF_TRUE and RERAISE. 3.9 leaves the normal path with JUMP_ABSOLUTE.
/// </summary>
internal class AsyncLowering39 : AsyncLowering38
{
    protected virtual string ExitJump => "JUMP_ABSOLUTE";

    protected virtual void Reraise(CodeGen g) => g.Op("RERAISE");

    private static void CallExit(CodeGen g)
    {
        g.LoadConst(null);
        g.Op("DUP_TOP");
        g.Op("DUP_TOP");
        g.Op("CALL_FUNCTION", 3);
        Await(g);
        g.Op("POP_TOP");
    }

    public override void With(CodeGen g, WithStmt w)
    {
        RequireCoroutine(g, "async with");
        var handler = new Label();
        var suppress = new Label();
        var end = new Label();
        g.Expr(w.Context);
        g.Op("BEFORE_ASYNC_WITH");
        Await(g);
        g.Op("SETUP_ASYNC_WITH", handler);
        g.FBlocks.Add(new FBlock(FBlockKind.With, 1) { Unwind = LeaveWith });
        g.StoreOrPop(w.Target);

        g.Body(w.Body);
        g.FBlocks.RemoveAt(g.FBlocks.Count - 1);
        if (!Unreachable(w.Body))
        {
            g.Op("POP_BLOCK");
            CallExit(g);
            g.Op(ExitJump, end);
        }

        g.Mark(handler);
        g.Op("WITH_EXCEPT_START");
        Await(g);
        g.Op("POP_JUMP_IF_TRUE", suppress);
        Reraise(g);
        g.Mark(suppress);
        g.Op("POP_TOP");
        g.Op("POP_TOP");
        g.Op("POP_TOP");
        g.Op("POP_EXCEPT");
        g.Op("POP_TOP");
        g.Mark(end);
    }

    protected override void LeaveWith(CodeGen g, bool preserve)
    {
        g.Op("POP_BLOCK");
        if (preserve)
        {
            g.Op("ROT_TWO");
        }

        CallExit(g);
    }
}

/// <summary>3.10: RERAISE 1, JUMP_FORWARD out of the with, and the control-flow graph drops whatever follows a body that cannot fall through.</summary>
internal sealed class AsyncLowering310 : AsyncLowering39
{
    protected override string ExitJump => "JUMP_FORWARD";

    protected override void Reraise(CodeGen g) => g.Op("RERAISE", 1);

    protected override bool Unreachable(IReadOnlyList<Stmt> body) => CodeGen.EndsTerminal(body);
}
