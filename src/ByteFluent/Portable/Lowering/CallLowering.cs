using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>Calls of 2.7: CALL_FUNCTION[_VAR][_KW] with (keywords &lt;&lt; 8 | positionals), keyword names as constants.</summary>
internal class CallLowering27
{
    public virtual void Call(CodeGen g, CallExpr c)
    {
        g.Expr(c.Function);
        var pos = 0;
        var kw = 0;
        Expr? star = null;
        Expr? starStar = null;
        foreach (var a in c.Args)
        {
            switch (a)
            {
                case PositionalArg p when star is null && kw == 0 && starStar is null:
                    g.Expr(p.Value);
                    pos++;
                    break;
                case KeywordArg k when star is null && starStar is null:
                    g.LoadConst(k.Name);
                    g.Expr(k.Value);
                    kw++;
                    break;
                case StarArg s when star is null && starStar is null:
                    star = s.Value;
                    break;
                case StarStarArg s when starStar is null:
                    starStar = s.Value;
                    break;
                default:
                    throw g.NotOn("this argument order").Because("2.7 takes positional, keyword, one *args, one **kwargs, in that order");
            }
        }

        if (star is not null)
        {
            g.Expr(star);
        }

        if (starStar is not null)
        {
            g.Expr(starStar);
        }

        var name = (star, starStar) switch
        {
            (null, null) => "CALL_FUNCTION",
            (_, null) => "CALL_FUNCTION_VAR",
            (null, _) => "CALL_FUNCTION_KW",
            _ => "CALL_FUNCTION_VAR_KW",
        };
        g.Op(name, pos | (kw << 8));
    }

    public virtual void LoadAssertionError(CodeGen g) => g.Op("LOAD_GLOBAL", "AssertionError");

    /// <summary>Calls a callable loaded without a NULL slot with the <paramref name="count"/> arguments above it.</summary>
    public virtual void CallStacked(CodeGen g, int count) => g.Op("CALL_FUNCTION", count);

    /// <summary>Loads what a decorator or __build_class__ call needs before the callable.</summary>
    public virtual void BeforeBuildClass(CodeGen g) => g.Op("LOAD_BUILD_CLASS");

    public virtual void CallBuildClass(CodeGen g, int count) => CallStacked(g, count);

    /// <summary>Calls __build_class__ with keyword arguments (class keywords such as <c>metaclass=</c>); count includes them.</summary>
    public virtual void CallBuildClass(CodeGen g, int count, List<object?> kwNames)
    {
        if (kwNames.Count > 0)
        {
            throw g.NotOn("class keyword arguments").Because();
        }

        CallBuildClass(g, count);
    }

    /// <summary>The arguments and call of a method whose callable (and self / NULL slot) is already on the stack.</summary>
    public virtual void MethodArguments(CodeGen g, CallExpr c) => throw new InvalidOperationException("3.12+ only");

    protected static bool IsSimple(CallExpr c) => c.Args.All(a => a is PositionalArg or KeywordArg)
        && !c.Args.SkipWhile(a => a is PositionalArg).Any(a => a is PositionalArg);
}

/// <summary>3.6: CALL_FUNCTION / CALL_FUNCTION_KW (names tuple) / CALL_FUNCTION_EX with BUILD_*_UNPACK_WITH_CALL.</summary>
internal class CallLowering36 : CallLowering27
{
    public override void Call(CodeGen g, CallExpr c)
    {
        if (!IsSimple(c))
        {
            LoadCallable(g, c.Function, forStarCall: true);
            StarCall(g, c);
            return;
        }

        if (IsMethodCall(c))
        {
            var attr = (AttrExpr)c.Function;
            g.Expr(attr.Target);
            LoadMethod(g, attr.Name);
            Arguments(g, c, method: true);
            return;
        }

        LoadCallable(g, c.Function, forStarCall: false);
        Arguments(g, c, method: false);
    }

    protected virtual bool IsMethodCall(CallExpr c) => false;

    public override void CallBuildClass(CodeGen g, int count, List<object?> kwNames)
    {
        if (kwNames.Count == 0)
        {
            CallBuildClass(g, count);
            return;
        }

        Invoke(g, count, kwNames, method: false);
    }

    public override void MethodArguments(CodeGen g, CallExpr c) => Arguments(g, c, method: true);

    protected virtual void LoadMethod(CodeGen g, string name) => g.Op("LOAD_METHOD", name);

    protected virtual void LoadCallable(CodeGen g, Expr function, bool forStarCall) => g.Expr(function);

    protected virtual void Arguments(CodeGen g, CallExpr c, bool method)
    {
        var kwNames = new List<object?>();
        foreach (var a in c.Args)
        {
            if (a is PositionalArg p)
            {
                g.Expr(p.Value);
            }
            else if (a is KeywordArg k)
            {
                g.Expr(k.Value);
                kwNames.Add(k.Name);
            }
        }

        Invoke(g, c.Args.Count, kwNames, method);
    }

    protected virtual void Invoke(CodeGen g, int count, List<object?> kwNames, bool method)
    {
        if (kwNames.Count > 0)
        {
            g.LoadConst(kwNames.ToArray());
            g.Op("CALL_FUNCTION_KW", count);
        }
        else
        {
            g.Op(method ? "CALL_METHOD" : "CALL_FUNCTION", count);
        }
    }

    protected void StarCall(CodeGen g, CallExpr c)
    {
        var positional = c.Args.Where(a => a is PositionalArg or StarArg).Select(a => a is StarArg s ? new StarredExpr(s.Value) : ((PositionalArg)a).Value).ToList();
        if (positional is [StarredExpr only])
        {
            g.Expr(only.Value);
        }
        else
        {
            PositionalTuple(g, positional);
        }

        var keywords = c.Args.Where(a => a is KeywordArg or StarStarArg).ToList();
        if (keywords.Count > 0)
        {
            KeywordDict(g, keywords);
        }

        CallEx(g, keywords.Count > 0);
    }

    protected virtual void CallEx(CodeGen g, bool hasKeywords) => g.Op("CALL_FUNCTION_EX", hasKeywords ? 1 : 0);

    protected virtual void PositionalTuple(CodeGen g, List<Expr> items)
    {
        var parts = 0;
        var pending = new List<Expr>();
        void Flush()
        {
            if (pending.Count > 0)
            {
                g.Expr(new CollectionExpr(CollectionKind.Tuple, [.. pending]));
                parts++;
                pending.Clear();
            }
        }

        foreach (var i in items)
        {
            if (i is StarredExpr s)
            {
                Flush();
                g.Expr(s.Value);
                parts++;
            }
            else
            {
                pending.Add(i);
            }
        }

        Flush();
        if (parts == 0)
        {
            g.LoadConst(Array.Empty<object>());
        }
        else if (parts > 1 || items.Any(i => i is StarredExpr))
        {
            g.Op("BUILD_TUPLE_UNPACK_WITH_CALL", parts);
        }
    }

    protected void KeywordRun(CodeGen g, List<KeywordArg> run)
    {
        if (run.Count > 1)
        {
            foreach (var k in run)
            {
                g.Expr(k.Value);
            }

            g.LoadConst(run.Select(k => (object?)k.Name).ToArray());
            g.Op("BUILD_CONST_KEY_MAP", run.Count);
        }
        else
        {
            g.LoadConst(run[0].Name);
            g.Expr(run[0].Value);
            g.Op("BUILD_MAP", 1);
        }
    }

    protected virtual void KeywordDict(CodeGen g, List<Arg> keywords)
    {
        var parts = 0;
        var run = new List<KeywordArg>();
        foreach (var a in keywords.Append(null))
        {
            if (a is KeywordArg k)
            {
                run.Add(k);
                continue;
            }

            if (run.Count > 0)
            {
                KeywordRun(g, run);
                run.Clear();
                parts++;
            }

            if (a is StarStarArg s)
            {
                g.Expr(s.Value);
                parts++;
            }
        }

        if (parts > 1 || keywords[0] is not StarStarArg)
        {
            if (parts > 1)
            {
                g.Op("BUILD_MAP_UNPACK_WITH_CALL", parts);
            }
        }
    }
}

/// <summary>3.7–3.8: LOAD_METHOD / CALL_METHOD for positional method calls.</summary>
internal class CallLowering37 : CallLowering36
{
    protected override bool IsMethodCall(CallExpr c) => c.Function is AttrExpr && c.Args.All(a => a is PositionalArg);
}

/// <summary>3.9–3.10: LIST_EXTEND / DICT_MERGE argument building, LOAD_ASSERTION_ERROR.</summary>
internal class CallLowering39 : CallLowering37
{
    public override void LoadAssertionError(CodeGen g) => g.Op("LOAD_ASSERTION_ERROR");

    protected override void PositionalTuple(CodeGen g, List<Expr> items) => g.Expr(new CollectionExpr(CollectionKind.Tuple, items));

    protected override void KeywordDict(CodeGen g, List<Arg> keywords)
    {
        var started = false;
        var run = new List<KeywordArg>();
        foreach (var a in keywords.Append(null))
        {
            if (a is KeywordArg k)
            {
                run.Add(k);
                continue;
            }

            if (run.Count > 0)
            {
                KeywordRun(g, run);
                if (started)
                {
                    g.Op("DICT_UPDATE", 1);
                }

                started = true;
                run.Clear();
            }

            if (a is StarStarArg s)
            {
                if (!started)
                {
                    g.Op("BUILD_MAP", 0);
                    started = true;
                }

                g.Expr(s.Value);
                g.Op("DICT_MERGE", 1);
            }
        }
    }
}

/// <summary>3.11: NULL before the callable (PUSH_NULL or LOAD_GLOBAL's bit), LOAD_METHOD, KW_NAMES, PRECALL + CALL.</summary>
internal class CallLowering311 : CallLowering39
{
    protected override bool IsMethodCall(CallExpr c) => c.Function is AttrExpr;

    protected virtual bool NullAfterCallable => false;

    protected override void LoadCallable(CodeGen g, Expr function, bool forStarCall)
    {
        if (function is NameExpr n && g.Scope.Access(n.Name) == NameAccess.Global)
        {
            g.Op("LOAD_GLOBAL", new GlobalName(n.Name, true));
            return;
        }

        if (!NullAfterCallable)
        {
            g.Op("PUSH_NULL");
        }

        g.Expr(function);
        if (NullAfterCallable)
        {
            g.Op("PUSH_NULL");
        }
    }

    public override void BeforeBuildClass(CodeGen g)
    {
        g.Op("PUSH_NULL");
        g.Op("LOAD_BUILD_CLASS");
    }

    public override void CallBuildClass(CodeGen g, int count) => Invoke(g, count, [], method: false);

    public override void CallStacked(CodeGen g, int count) => Invoke(g, count - 1, [], method: false);

    protected override void Invoke(CodeGen g, int count, List<object?> kwNames, bool method)
    {
        if (kwNames.Count > 0)
        {
            g.Op("KW_NAMES", CodeGen.ToPy(kwNames.ToArray()));
        }

        g.Op("PRECALL", count);
        g.Op("CALL", count);
    }
}

/// <summary>3.12: LOAD_ATTR's method bit, CALL without PRECALL.</summary>
internal class CallLowering312 : CallLowering311
{
    protected override void LoadMethod(CodeGen g, string name) => g.Op("LOAD_ATTR", new AttrName(name, true));

    protected override void Invoke(CodeGen g, int count, List<object?> kwNames, bool method)
    {
        if (kwNames.Count > 0)
        {
            g.Op("KW_NAMES", CodeGen.ToPy(kwNames.ToArray()));
        }

        g.Op("CALL", count);
    }
}

/// <summary>3.13: NULL after the callable, CALL_KW with the names tuple on the stack.</summary>
internal class CallLowering313 : CallLowering312
{
    protected override bool NullAfterCallable => true;

    public override void BeforeBuildClass(CodeGen g)
    {
        g.Op("LOAD_BUILD_CLASS");
        g.Op("PUSH_NULL");
    }

    protected override void Invoke(CodeGen g, int count, List<object?> kwNames, bool method)
    {
        if (kwNames.Count > 0)
        {
            g.LoadConst(kwNames.ToArray());
            g.Op("CALL_KW", count);
        }
        else
        {
            g.Op("CALL", count);
        }
    }
}

/// <summary>3.14+: CALL_FUNCTION_EX always takes a keyword slot (NULL when there are none), LOAD_COMMON_CONSTANT.</summary>
internal sealed class CallLowering314 : CallLowering313
{
    public override void LoadAssertionError(CodeGen g) => g.Op("LOAD_COMMON_CONSTANT", 0);

    protected override void CallEx(CodeGen g, bool hasKeywords)
    {
        if (!hasKeywords)
        {
            g.Op("PUSH_NULL");
        }

        g.Op("CALL_FUNCTION_EX");
    }
}
