using ByteFluent.Assembly;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Syntax;

/// <summary>A Python statement as the portable builder records it, with the source line it stands for.</summary>
public abstract record Stmt
{
    /// <summary>The source line (null: the previous statement's).</summary>
    public int? Line { get; init; }

    /// <summary>
    /// The statement's full source position (null: only <see cref="Line"/>). On 3.11+ every instruction of the
    /// statement carries it in <c>co_positions()</c> (and its line wins over <see cref="Line"/>); before 3.11 only its
    /// line is used, the columns are ignored. One position per statement, not per sub-expression.
    /// </summary>
    public SourceLocation? Position { get; init; }
}

/// <summary>An expression evaluated for its effect.</summary>
public sealed record ExprStmt(Expr Value) : Stmt;

/// <summary><c>t1 = t2 = … = value</c>; a target is a name, attribute, subscript, or a tuple/list of targets.</summary>
public sealed record AssignStmt(IReadOnlyList<Expr> Targets, Expr Value) : Stmt;

/// <summary><c>target op= value</c>.</summary>
public sealed record AugAssignStmt(Expr Target, BinaryOperator Op, Expr Value) : Stmt;

/// <summary><c>del target</c>.</summary>
public sealed record DeleteStmt(Expr Target) : Stmt;

/// <summary><c>if test: body else: orElse</c>.</summary>
public sealed record IfStmt(Expr Test, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse) : Stmt;

/// <summary><c>while test: body else: orElse</c>.</summary>
public sealed record WhileStmt(Expr Test, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse) : Stmt;

/// <summary><c>[async] for target in iter: body else: orElse</c>.</summary>
public sealed record ForStmt(Expr Target, Expr Iter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse, bool IsAsync = false) : Stmt;

/// <summary><c>break</c>.</summary>
public sealed record BreakStmt : Stmt;

/// <summary><c>continue</c>.</summary>
public sealed record ContinueStmt : Stmt;

/// <summary><c>pass</c>.</summary>
public sealed record PassStmt : Stmt;

/// <summary><c>return value</c>.</summary>
public sealed record ReturnStmt(Expr? Value) : Stmt;

/// <summary><c>raise exc from cause</c>; both null: re-raise.</summary>
public sealed record RaiseStmt(Expr? Exception, Expr? Cause) : Stmt;

/// <summary>One <c>except type as name:</c> clause (type null: bare <c>except:</c>).</summary>
public sealed record ExceptHandler(Expr? Type, string? Name, IReadOnlyList<Stmt> Body);

/// <summary><c>try: … except …: … else: … finally: …</c>.</summary>
public sealed record TryStmt(IReadOnlyList<Stmt> Body, IReadOnlyList<ExceptHandler> Handlers, IReadOnlyList<Stmt> OrElse, IReadOnlyList<Stmt> Finally) : Stmt;

/// <summary><c>[async] with context as target: body</c>.</summary>
public sealed record WithStmt(Expr Context, Expr? Target, IReadOnlyList<Stmt> Body, bool IsAsync = false) : Stmt;

/// <summary><c>assert test, message</c>.</summary>
public sealed record AssertStmt(Expr Test, Expr? Message) : Stmt;

/// <summary><c>import module as alias</c>.</summary>
public sealed record ImportStmt(string Module, string? Alias) : Stmt;

/// <summary><c>from module import name as alias, …</c> (level: leading dots).</summary>
public sealed record ImportFromStmt(string Module, IReadOnlyList<(string Name, string? Alias)> Names, int Level = 0) : Stmt;

/// <summary><c>global names</c>.</summary>
public sealed record GlobalStmt(IReadOnlyList<string> Names) : Stmt;

/// <summary><c>nonlocal names</c> (3.x).</summary>
public sealed record NonlocalStmt(IReadOnlyList<string> Names) : Stmt;

/// <summary><c>def</c> (or <c>async def</c>).</summary>
public sealed record FunctionDefStmt(FunctionDef Definition) : Stmt;

/// <summary><c>class</c>.</summary>
public sealed record ClassDefStmt(ClassDef Definition) : Stmt;

/// <summary>
/// Raw code-list entries of the target version, produced by <see cref="Items"/> (e.g. from the version's typed builder):
/// the interop escape hatch. The entries must leave the stack as they found it.
/// </summary>
public sealed record RawStmt(Func<OpcodeTable, IEnumerable<CodeItem>> Items) : Stmt;

/// <summary>A parameter with an optional default and annotation.</summary>
public sealed record Parameter(string Name, Expr? Default = null, Expr? Annotation = null);

/// <summary>A function definition: parameters, body, decorators, async.</summary>
public sealed record FunctionDef(
    string Name,
    IReadOnlyList<Parameter> Args,
    IReadOnlyList<Stmt> Body,
    IReadOnlyList<Parameter>? KwOnly = null,
    string? VarArgs = null,
    string? VarKeywords = null,
    IReadOnlyList<Expr>? Decorators = null,
    Expr? Returns = null,
    bool IsAsync = false,
    bool IsLambda = false)
{
    /// <summary>The keyword-only parameters.</summary>
    public IReadOnlyList<Parameter> KwOnlyArgs => KwOnly ?? [];

    /// <summary>The decorators, outermost first.</summary>
    public IReadOnlyList<Expr> DecoratorList => Decorators ?? [];
}

/// <summary>A class definition.</summary>
public sealed record ClassDef(string Name, IReadOnlyList<Expr> Bases, IReadOnlyList<Stmt> Body, IReadOnlyList<Expr>? Decorators = null, IReadOnlyList<(string Name, Expr Value)>? Keywords = null)
{
    /// <summary>The decorators, outermost first.</summary>
    public IReadOnlyList<Expr> DecoratorList => Decorators ?? [];
}
