using ByteFluent.Model;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// The implicit <c>__class__</c> cell of 3.x (PEP 3135): a function that names <c>super</c> uses <c>__class__</c>, which
/// the enclosing class body owns as a cell and hands to <c>type.__new__</c> through <c>__classcell__</c>.
/// </summary>
internal static class ClassCell
{
    public const string Name = "__class__";

    /// <summary>Marks <c>__class__</c> used in every function-like scope that uses <c>super</c> (before the free/cell pass).</summary>
    public static void Add(Scope scope)
    {
        if (scope.IsFunction && scope.Used.Contains("super"))
        {
            scope.Used.Add(Name);
        }

        foreach (var child in scope.Children.Values)
        {
            Add(child);
        }
    }

    /// <summary>Whether the class body must store its <c>__class__</c> cell in <c>__classcell__</c>.</summary>
    public static bool Needed(Scope classScope) => classScope.Cells.Contains(Name);
}

/// <summary>
/// 3.14+: a class body that defines functions keeps its namespace in a <c>__classdict__</c> cell (stored from LOAD_LOCALS,
/// handed to <c>type.__new__</c> as <c>__classdictcell__</c>) for the functions' deferred annotations to see.
/// </summary>
internal static class ClassDict
{
    public const string Name = "__classdict__";

    public static void Prepare(Scope scope, ClassDef def)
    {
        if (!scope.Cells.Contains(Name) && DefinesFunction(def.Body))
        {
            scope.Cells.Add(Name);
            scope.Cells.Sort(string.CompareOrdinal);
        }
    }

    public static bool Needed(Scope classScope) => classScope.Kind == ScopeKind.Class && classScope.Cells.Contains(Name);

    private static bool DefinesFunction(IReadOnlyList<Stmt> body) =>
        body.Any(s => s is FunctionDefStmt || SyntaxWalk.Bodies(s).Any(DefinesFunction));
}

/// <summary>2.7 and 3.6–3.11: <c>super()</c> is an ordinary call of the global <c>super</c> (2.7 has no zero-argument form).</summary>
internal class SuperLowering
{
    public static SuperLowering For(PythonVersion v) => v.Major == 2 ? new SuperLowering27() : v.Minor >= 12 ? new SuperLowering312() : new SuperLowering();

    /// <summary>Lowers <c>super(…).name</c> when the era has a dedicated idiom; false: lower it as usual.</summary>
    public virtual bool TryAttr(CodeGen g, AttrExpr a) => false;

    /// <summary>Lowers <c>super(…).name(args)</c> (or rejects <c>super()</c>) when the era needs it; false: lower it as usual.</summary>
    public virtual bool TryCall(CodeGen g, CallExpr c) => false;

    protected static bool IsSuperName(CodeGen g, Expr e) =>
        e is NameExpr { Name: "super" } && g.Scope.Access("super") == NameAccess.Global && !g.Scope.DeclaredGlobal.Contains("super");
}

/// <summary>2.7: zero-argument <c>super()</c> does not exist (Python 2 raises TypeError at run time); reject it up front.</summary>
internal sealed class SuperLowering27 : SuperLowering
{
    public override bool TryCall(CodeGen g, CallExpr c)
    {
        if (c.Function is NameExpr { Name: "super" } && c.Args.Count == 0 && g.Scope.Access("super") != NameAccess.Fast)
        {
            throw g.NotOn("zero-argument super()").Because("Python 2 needs super(Class, self)");
        }

        return false;
    }
}

/// <summary>
/// 3.12+: <c>super().name</c> and <c>super().name(args)</c> load the global <c>super</c>, <c>__class__</c> and the first
/// argument (or the two explicit arguments) and use LOAD_SUPER_ATTR, when CPython's conditions hold: <c>super</c> is an
/// implicit global, the function has a positional parameter and <c>__class__</c> is free in it.
/// </summary>
internal sealed class SuperLowering312 : SuperLowering
{
    public override bool TryAttr(CodeGen g, AttrExpr a)
    {
        if (a.Target is not CallExpr call || !Optimizable(g, call, out var twoArgs))
        {
            return false;
        }

        LoadArgs(g, call, twoArgs);
        g.Op("LOAD_SUPER_ATTR", new SuperAttrName(a.Name, false, twoArgs));
        return true;
    }

    public override bool TryCall(CodeGen g, CallExpr c)
    {
        if (c.Function is not AttrExpr { Target: CallExpr call } attr || !Optimizable(g, call, out var twoArgs) || !SimpleArgs(c))
        {
            return false;
        }

        LoadArgs(g, call, twoArgs);
        g.Op("LOAD_SUPER_ATTR", new SuperAttrName(attr.Name, true, twoArgs));
        g.Era.Calls.MethodArguments(g, c);
        return true;
    }

    private static bool Optimizable(CodeGen g, CallExpr call, out bool twoArgs)
    {
        twoArgs = call.Args.Count == 2;
        return IsSuperName(g, call.Function)
            && (call.Args.Count == 0 || (twoArgs && call.Args.All(x => x is PositionalArg)))
            && g.Scope.IsFunction
            && g.Code.ArgCount > 0
            && g.Scope.Frees.Contains(ClassCell.Name);
    }

    private static bool SimpleArgs(CallExpr c) =>
        c.Args.All(x => x is PositionalArg or KeywordArg) && !c.Args.SkipWhile(x => x is PositionalArg).Any(x => x is PositionalArg);

    private static void LoadArgs(CodeGen g, CallExpr call, bool twoArgs)
    {
        g.LoadName("super");
        if (twoArgs)
        {
            g.Expr(((PositionalArg)call.Args[0]).Value);
            g.Expr(((PositionalArg)call.Args[1]).Value);
            return;
        }

        g.LoadName(ClassCell.Name);
        g.LoadName(g.Scope.Params[0]);
    }
}
