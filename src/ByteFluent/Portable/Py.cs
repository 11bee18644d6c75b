using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable;

/// <summary>Factories for portable expressions: <c>Py.Name("x") + 1</c>, <c>Py.Name("print").Call("hi", Py.Kw("sep", "-"))</c>.</summary>
public static class Py
{
    /// <summary>None.</summary>
    public static Expr None { get; } = new ConstExpr(null);

    /// <summary>A name (its scope is found from the definitions around it).</summary>
    public static Expr Name(string name) => new NameExpr(name);

    /// <summary>A constant (null, bool, int, long, BigInteger, double, string, byte[], or object[] for a tuple of constants).</summary>
    public static Expr Const(object? value) => new ConstExpr(value);

    /// <summary>A string constant.</summary>
    public static Expr Str(string value) => new ConstExpr(value);

    /// <summary>A call of a name: <c>Py.Call("print", 1, 2)</c>.</summary>
    public static Expr Call(string function, params Arg[] args) => new CallExpr(new NameExpr(function), args);

    /// <summary><c>name=value</c> for a call.</summary>
    public static Arg Kw(string name, Expr value) => new KeywordArg(name, value);

    /// <summary><c>*value</c> for a call.</summary>
    public static Arg Star(Expr value) => new StarArg(value);

    /// <summary><c>**value</c> for a call.</summary>
    public static Arg StarStar(Expr value) => new StarStarArg(value);

    /// <summary><c>*value</c> in a display or target.</summary>
    public static Expr Starred(Expr value) => new StarredExpr(value);

    /// <summary>A tuple display.</summary>
    public static Expr Tuple(params Expr[] items) => new CollectionExpr(CollectionKind.Tuple, items);

    /// <summary>A list display.</summary>
    public static Expr List(params Expr[] items) => new CollectionExpr(CollectionKind.List, items);

    /// <summary>A set display.</summary>
    public static Expr Set(params Expr[] items) => new CollectionExpr(CollectionKind.Set, items);

    /// <summary>A dict display.</summary>
    public static Expr Dict(params (Expr Key, Expr Value)[] items) => new DictExpr(items);

    /// <summary>A slice for <see cref="Expr.Item"/>.</summary>
    public static Expr Slice(Expr? lower, Expr? upper, Expr? step = null) => new SliceExpr(lower, upper, step);

    /// <summary><c>not value</c>.</summary>
    public static Expr Not(Expr value) => new UnaryExpr(UnaryOperator.Not, value);

    /// <summary><c>a and b and …</c>.</summary>
    public static Expr And(params Expr[] values) => new BoolExpr(true, values);

    /// <summary><c>a or b or …</c>.</summary>
    public static Expr Or(params Expr[] values) => new BoolExpr(false, values);

    /// <summary><c>body if test else orElse</c>.</summary>
    public static Expr IfElse(Expr test, Expr body, Expr orElse) => new IfExpr(test, body, orElse);

    /// <summary>An f-string from literal strings and <see cref="F(Expr, string?, char)"/> parts.</summary>
    public static Expr FString(params object[] parts) => new FStringExpr([.. parts.Select(p => p switch
    {
        string s => new FPart(s),
        FPart f => f,
        Expr e => new FPart(null, e),
        _ => throw new ArgumentException($"an f-string part is a string, an Expr or an FPart, not {p?.GetType().Name ?? "null"}", nameof(parts)),
    })]);

    /// <summary>A formatted value of an f-string: <c>{value!conversion:spec}</c>.</summary>
    public static FPart F(Expr value, string? spec = null, char conversion = '\0') => new(null, value, conversion, spec);

    /// <summary><c>lambda params: body</c>.</summary>
    public static Expr Lambda(string[] args, Expr body) =>
        new LambdaExpr(new FunctionDef("<lambda>", [.. args.Select(a => new Parameter(a))], [new ReturnStmt(body)], IsLambda: true));

    /// <summary><c>yield value</c>.</summary>
    public static Expr Yield(Expr? value = null) => new YieldExpr(value);

    /// <summary><c>yield from value</c>.</summary>
    public static Expr YieldFrom(Expr value) => new YieldFromExpr(value);

    /// <summary><c>await value</c>.</summary>
    public static Expr Await(Expr value) => new AwaitExpr(value);

    /// <summary><c>for target in iter if conditions…</c> for a comprehension.</summary>
    public static ForClause For(Expr target, Expr iter, params Expr[] conditions) => new(target, iter, conditions);

    /// <summary><c>[element for …]</c>.</summary>
    public static Expr ListComp(Expr element, params ForClause[] clauses) => new ComprehensionExpr(ComprehensionKind.List, element, null, clauses);

    /// <summary><c>{element for …}</c>.</summary>
    public static Expr SetComp(Expr element, params ForClause[] clauses) => new ComprehensionExpr(ComprehensionKind.Set, element, null, clauses);

    /// <summary><c>{key: value for …}</c>.</summary>
    public static Expr DictComp(Expr key, Expr value, params ForClause[] clauses) => new ComprehensionExpr(ComprehensionKind.Dict, key, value, clauses);

    /// <summary><c>(element for …)</c>.</summary>
    public static Expr GenExp(Expr element, params ForClause[] clauses) => new ComprehensionExpr(ComprehensionKind.Generator, element, null, clauses);

    /// <summary>A parameter.</summary>
    public static Parameter Param(string name, Expr? defaultValue = null, Expr? annotation = null) => new(name, defaultValue, annotation);
}
