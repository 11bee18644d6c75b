using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>3.11+: zero-cost exceptions. Exception regions (the exception table) instead of SETUP_* blocks; PUSH_EXC_INFO, CHECK_EXC_MATCH, POP_EXCEPT, RERAISE, the COPY 3 / POP_EXCEPT / RERAISE 1 cleanup.</summary>
internal sealed class TryLowering311 : TryLowering27
{
    /// <summary>3.11: a with's cleanup block comes right after the re-raise, before the suppressing exit (3.12+ lays the cold blocks out itself).</summary>
    public bool WithCleanupBeforeSuppress { get; init; }

    private static void Begin(CodeGen g, ExceptionRegion r) => g.Add(new TryBegin(r));

    private static void End(CodeGen g, ExceptionRegion r) => g.Add(new TryEnd(r));

    private static void Cleanup(CodeGen g, Label cleanup)
    {
        g.Mark(cleanup);
        g.Op("COPY", 3);
        g.Op("POP_EXCEPT");
        g.Op("RERAISE", 1);
    }

    protected override void TryExcept(CodeGen g, IReadOnlyList<Stmt> body, IReadOnlyList<ExceptHandler> handlers, IReadOnlyList<Stmt> orElse)
    {
        var handler = new Label();
        var end = new Label();
        var d = g.BaseDepth;
        g.Op("NOP");
        var region = new ExceptionRegion(handler, d, false);
        Begin(g, region);
        Push(g, new FBlock(FBlockKind.TryExcept, 0) { Region = region });
        var before = new HashSet<string>(g.Assigned);
        g.Body(body);
        Pop(g);
        End(g, region);
        if (!CodeGen.EndsTerminal(body))
        {
            g.Body(orElse);
            if (!CodeGen.EndsTerminal(orElse))
            {
                g.Era.Jumps.Jump(g, end);
                LayoutHints.MarkNoLine((Instr)g.Code.CodeList[^1]);   // CPython's jump to the end has no line
            }
        }

        // Locals bound on every path that reaches the end (3.12+ loads the others with LOAD_FAST_CHECK).
        var reaching = new List<HashSet<string>>();
        if (!CodeGen.EndsTerminal(body) && !CodeGen.EndsTerminal(orElse))
        {
            reaching.Add(g.Assigned);
        }

        g.Assigned = new HashSet<string>(before);
        g.Mark(handler);
        var cleanup = new Label();
        var cregion = new ExceptionRegion(cleanup, d + 1, true);
        g.Op("PUSH_EXC_INFO");
        Begin(g, cregion);
        var bare = false;
        foreach (var h in handlers)
        {
            var next = new Label();
            if (h.Type is not null)
            {
                g.Expr(h.Type);
                g.Op("CHECK_EXC_MATCH");
                g.Era.Jumps.JumpIf(g, false, next, isBool: true);
            }
            else
            {
                bare = true;
            }

            if (h.Name is null)
            {
                g.Op("POP_TOP");
                Push(g, new FBlock(FBlockKind.Handler, 1) { Region = cregion });
                g.Body(h.Body);
                Pop(g);
                if (!CodeGen.EndsTerminal(h.Body))
                {
                    reaching.Add(new HashSet<string>(g.Assigned));
                    End(g, cregion);
                    g.Op("POP_EXCEPT");
                    g.HandlerExitJump(end);
                    Begin(g, cregion);
                }
            }
            else
            {
                g.StoreName(h.Name);
                var nameCleanup = new Label();
                var nregion = new ExceptionRegion(nameCleanup, d + 1, true);
                Begin(g, nregion);
                Push(g, new FBlock(FBlockKind.HandlerCleanup, 1) { Region = nregion, HandlerName = h.Name });
                g.Body(h.Body);
                Pop(g);
                End(g, nregion);
                if (!CodeGen.EndsTerminal(h.Body))
                {
                    End(g, cregion);
                    g.Op("POP_EXCEPT");
                    ClearName(g, h.Name);
                    reaching.Add(new HashSet<string>(g.Assigned));
                    g.HandlerExitJump(end);
                    Begin(g, cregion);
                }

                g.Mark(nameCleanup);
                ClearName(g, h.Name);
                g.Op("RERAISE", 1);
            }

            g.Assigned = new HashSet<string>(before);
            g.Mark(next);
            if (bare)
            {
                break;
            }
        }

        if (!bare)
        {
            g.Op("RERAISE", 0);
        }

        End(g, cregion);
        Cleanup(g, cleanup);
        g.Mark(end);
        g.Assigned = before;
        if (reaching.Count > 0)
        {
            g.Assigned = reaching[0];
            foreach (var r in reaching.Skip(1))
            {
                g.Assigned.IntersectWith(r);
            }
        }
    }

    private static void ClearName(CodeGen g, string name)
    {
        g.LoadConst(null);
        g.StoreName(name);
        g.DeleteName(name);
    }

    protected override void TryFinally(CodeGen g, TryStmt t)
    {
        var fin = new Label();
        var end = new Label();
        var d = g.BaseDepth;
        g.Op("NOP");
        var region = new ExceptionRegion(fin, d, false);
        Begin(g, region);
        Push(g, new FBlock(FBlockKind.FinallyTry, 0) { Region = region, FinallyBody = t.Finally });
        var before = new HashSet<string>(g.Assigned);
        BodyOrExcept(g, t);
        Pop(g);
        End(g, region);
        var terminal = CodeGen.EndsTerminal(t.Body) && t.Handlers.Count == 0;
        var afterFinally = before;
        if (!terminal)
        {
            g.Body(t.Finally);
            if (!CodeGen.EndsTerminal(t.Finally))
            {
                afterFinally = new HashSet<string>(g.Assigned);
                g.Era.Jumps.Jump(g, end);
            }
        }

        g.Assigned = new HashSet<string>(before);
        g.Mark(fin);
        var cleanup = new Label();
        var cregion = new ExceptionRegion(cleanup, d + 1, true);
        g.Op("PUSH_EXC_INFO");
        Begin(g, cregion);
        Push(g, new FBlock(FBlockKind.FinallyEnd, 1) { Region = cregion });
        g.Body(t.Finally);
        Pop(g);
        g.Op("RERAISE", 0);
        End(g, cregion);
        Cleanup(g, cleanup);
        g.Mark(end);

        // Only the normal path, through the finally body, reaches the end.
        g.Assigned = afterFinally;
    }

    public override void With(CodeGen g, WithStmt w)
    {
        var d = g.BaseDepth;
        g.Expr(w.Context);
        var exitItems = g.Era.Functions.EnterWith(g);
        var handler = new Label();
        var end = new Label();
        var region = new ExceptionRegion(handler, d + exitItems, true);
        Begin(g, region);
        Push(g, new FBlock(FBlockKind.With, exitItems) { Region = region });
        g.StoreOrPop(w.Target);
        g.Body(w.Body);
        Pop(g);
        End(g, region);
        if (!CodeGen.EndsTerminal(w.Body))
        {
            g.Era.Functions.CallExit(g);
            g.Era.Jumps.Jump(g, end);
        }

        g.Mark(handler);
        var cleanup = new Label();
        var cregion = new ExceptionRegion(cleanup, d + exitItems + 2, true);
        var suppress = new Label();
        g.Op("PUSH_EXC_INFO");
        Begin(g, cregion);
        g.Op("WITH_EXCEPT_START");
        g.Era.Jumps.JumpIf(g, true, suppress, isBool: false);
        g.Op("RERAISE", 2);
        if (WithCleanupBeforeSuppress)
        {
            // The cleanup is covered by the regions outside the handler's, as where it is placed last.
            End(g, cregion);
            Cleanup(g, cleanup);
            Begin(g, cregion);
        }

        g.Mark(suppress);
        g.Op("POP_TOP");
        End(g, cregion);
        g.Op("POP_EXCEPT");
        for (var k = 0; k < exitItems + 1; k++)
        {
            g.Op("POP_TOP");
        }

        if (!WithCleanupBeforeSuppress)
        {
            g.HandlerExitJump(end);
            Cleanup(g, cleanup);
        }

        g.Mark(end);
    }

    public override void UnwindTo(CodeGen g, int keep, bool preserve)
    {
        var closed = new List<ExceptionRegion>();
        for (var k = g.FBlocks.Count - 1; k >= keep; k--)
        {
            var b = g.FBlocks[k];
            if (b.Region is { } r)
            {
                End(g, r);
                closed.Add(r);
            }

            if (b.Unwind is { } unwind)
            {
                unwind(g, preserve);
                continue;
            }

            switch (b.Kind)
            {
                case FBlockKind.ForLoop:
                    for (var n = 0; n < b.Pushes; n++)
                    {
                        if (preserve)
                        {
                            g.Op("SWAP", 2);
                        }

                        g.Op("POP_TOP");
                    }

                    break;
                case FBlockKind.FinallyTry:
                    {
                        var saved = g.FBlocks.Skip(k).ToList();
                        g.FBlocks.RemoveRange(k, g.FBlocks.Count - k);
                        g.Body(b.FinallyBody!);
                        g.FBlocks.AddRange(saved);
                        break;
                    }

                case FBlockKind.With:
                    if (preserve)
                    {
                        g.Op("SWAP", b.Pushes + 1);
                        if (b.Pushes == 2)
                        {
                            g.Op("SWAP", 2);
                        }
                    }

                    g.Era.Functions.CallExit(g);
                    break;
                case FBlockKind.Handler:
                    if (preserve)
                    {
                        g.Op("SWAP", 2);
                    }

                    g.Op("POP_EXCEPT");
                    break;
                case FBlockKind.HandlerCleanup:
                    if (preserve)
                    {
                        g.Op("SWAP", 2);
                    }

                    g.Op("POP_EXCEPT");
                    ClearName(g, b.HandlerName!);
                    break;
                case FBlockKind.FinallyEnd:
                    if (preserve)
                    {
                        g.Op("SWAP", 2);
                    }

                    g.Op("POP_EXCEPT");
                    break;
            }
        }

        g.Reopen = closed;
    }

    public override void AfterExit(CodeGen g)
    {
        // Code after the return or jump (still inside the blocks) belongs to the regions again.
        var closed = g.Reopen;
        g.Reopen = [];
        for (var k = closed.Count - 1; k >= 0; k--)
        {
            Begin(g, closed[k]);
        }
    }
}
