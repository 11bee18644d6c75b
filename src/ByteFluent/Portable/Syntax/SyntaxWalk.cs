namespace ByteFluent.Portable.Syntax;

/// <summary>
/// The direct parts of a statement or expression, one list per role, so a pass over the tree is written once: the
/// expressions a statement evaluates, the targets it binds, the blocks it runs, and an expression's direct
/// sub-expressions. Nested scopes (function and class definitions, lambdas, comprehensions) are not entered: what they
/// evaluate in the enclosing scope is theirs to say.
/// </summary>
internal static class SyntaxWalk
{
    /// <summary>The expressions <paramref name="stmt"/> evaluates in its own scope (targets excluded).</summary>
    public static IEnumerable<Expr> Values(Stmt stmt) => stmt switch
    {
        ExprStmt e => [e.Value],
        AssignStmt a => [a.Value],
        AugAssignStmt a => [a.Target, a.Value],
        IfStmt i => [i.Test],
        WhileStmt w => [w.Test],
        ForStmt f => [f.Iter],
        ReturnStmt r => Present(r.Value),
        RaiseStmt r => Present(r.Exception, r.Cause),
        TryStmt t => t.Handlers.SelectMany(h => Present(h.Type)),
        WithStmt w => [w.Context],
        AssertStmt a => Present(a.Test, a.Message),
        MatchStmt m => PatternWalk.Values(m),
        _ => [],
    };

    /// <summary>The targets <paramref name="stmt"/> binds or deletes.</summary>
    public static IEnumerable<Expr> Targets(Stmt stmt) => stmt switch
    {
        AssignStmt a => a.Targets,
        AugAssignStmt a => [a.Target],
        DeleteStmt d => [d.Target],
        ForStmt f => [f.Target],
        WithStmt w => Present(w.Target),
        MatchStmt m => PatternWalk.Targets(m),
        _ => [],
    };

    /// <summary>The blocks <paramref name="stmt"/> runs in its own scope, in source order.</summary>
    public static IEnumerable<IReadOnlyList<Stmt>> Bodies(Stmt stmt) => stmt switch
    {
        IfStmt i => [i.Body, i.OrElse],
        WhileStmt w => [w.Body, w.OrElse],
        ForStmt f => [f.Body, f.OrElse],
        TryStmt t => [t.Body, .. t.Handlers.Select(h => h.Body), t.OrElse, t.Finally],
        WithStmt w => [w.Body],
        MatchStmt m => m.Cases.Select(c => c.Body),
        _ => [],
    };

    /// <summary>The direct sub-expressions of <paramref name="e"/> (none for lambdas and comprehensions, which open a scope).</summary>
    public static IEnumerable<Expr> Children(Expr e) => e switch
    {
        AttrExpr a => [a.Target],
        SubscriptExpr s => [s.Target, s.Index],
        SliceExpr s => Present(s.Lower, s.Upper, s.Step),
        BinaryExpr b => [b.Left, b.Right],
        UnaryExpr u => [u.Operand],
        CompareExpr c => [c.Left, .. c.Rest.Select(r => r.Right)],
        BoolExpr b => b.Values,
        IfExpr i => [i.Test, i.Body, i.OrElse],
        CallExpr c => [c.Function, .. c.Args.Select(ArgValue)],
        CollectionExpr c => c.Items,
        StarredExpr s => [s.Value],
        DictExpr d => d.Items.SelectMany(p => new[] { p.Key, p.Value }),
        FStringExpr f => f.Parts.SelectMany(p => Present(p.Value)),
        YieldExpr y => Present(y.Value),
        YieldFromExpr y => [y.Value],
        AwaitExpr a => [a.Value],
        _ => [],
    };

    /// <summary>The value an argument passes, whatever its kind.</summary>
    public static Expr ArgValue(Arg a) => a switch
    {
        PositionalArg p => p.Value,
        KeywordArg k => k.Value,
        StarArg s => s.Value,
        StarStarArg s => s.Value,
        _ => throw new ArgumentException($"unknown argument kind {a.GetType().Name}", nameof(a)),
    };

    private static IEnumerable<Expr> Present(params Expr?[] items) => items.Where(i => i is not null)!;
}
