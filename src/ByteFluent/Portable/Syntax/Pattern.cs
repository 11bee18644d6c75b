namespace ByteFluent.Portable.Syntax;

/// <summary>
/// A pattern of a <c>match</c> statement's <c>case</c> (3.10+), built with <see cref="Patterns"/>;
/// <c>a | b</c> is an or-pattern.
/// </summary>
public abstract record Pattern
{
    /// <summary><c>a | b</c>: an or-pattern (nested or-patterns are flattened, as the parser does).</summary>
    public static Pattern operator |(Pattern a, Pattern b) => new OrPattern([.. Alternatives(a), .. Alternatives(b)]);

    private static IEnumerable<Pattern> Alternatives(Pattern p) => p is OrPattern o ? o.Alternatives : [p];
}

/// <summary>A literal or dotted-name value, compared with <c>==</c> (CPython's MatchValue).</summary>
public sealed record ValuePattern(Expr Value) : Pattern;

/// <summary><c>None</c>, <c>True</c> or <c>False</c>, compared with <c>is</c> (MatchSingleton).</summary>
public sealed record SingletonPattern(bool? Value) : Pattern;

/// <summary>
/// <c>pattern as name</c>; without a pattern a capture (<c>name</c>) or, without a name too, the wildcard <c>_</c> (MatchAs).
/// </summary>
public sealed record AsPattern(Pattern? Pattern, string? Name) : Pattern;

/// <summary><c>*name</c> (or <c>*_</c> when the name is null) inside a sequence pattern.</summary>
public sealed record StarPattern(string? Name) : Pattern;

/// <summary><c>[p1, p2, *rest, …]</c>: at most one <see cref="StarPattern"/>.</summary>
public sealed record SequencePattern(IReadOnlyList<Pattern> Items) : Pattern;

/// <summary><c>{key: pattern, …, **rest}</c>: keys are constants or dotted names.</summary>
public sealed record MappingPattern(IReadOnlyList<(Expr Key, Pattern Value)> Items, string? Rest = null) : Pattern;

/// <summary><c>Cls(p1, p2, name=p3, …)</c>: positional sub-patterns go through <c>__match_args__</c>.</summary>
public sealed record ClassPattern(Expr Class, IReadOnlyList<Pattern> Positional, IReadOnlyList<(string Name, Pattern Value)> Keywords) : Pattern;

/// <summary><c>p1 | p2 | …</c>.</summary>
public sealed record OrPattern(IReadOnlyList<Pattern> Alternatives) : Pattern;

/// <summary>One <c>case pattern if guard: body</c>; <see cref="Line"/> is the case line.</summary>
public sealed record MatchCase(Pattern Pattern, Expr? Guard, IReadOnlyList<Stmt> Body, int? Line = null);

/// <summary><c>match subject:</c> with its cases (3.10+).</summary>
public sealed record MatchStmt(Expr Subject, IReadOnlyList<MatchCase> Cases) : Stmt;

/// <summary>The expressions a pattern evaluates and the names it binds, for scope analysis.</summary>
internal static class PatternWalk
{
    public static bool IsWildcard(Pattern p) => p is AsPattern { Pattern: null, Name: null };

    public static IEnumerable<Expr> Values(MatchStmt m) =>
        m.Cases.SelectMany(c => Values(c.Pattern).Concat(c.Guard is null ? [] : [c.Guard])).Prepend(m.Subject);

    public static IEnumerable<Expr> Targets(MatchStmt m) => m.Cases.SelectMany(c => Names(c.Pattern)).Distinct().Select(n => (Expr)new NameExpr(n));

    public static IEnumerable<Expr> Values(Pattern p) => p switch
    {
        ValuePattern v => [v.Value],
        AsPattern { Pattern: Pattern inner } => Values(inner),
        SequencePattern s => s.Items.SelectMany(Values),
        MappingPattern m => m.Items.SelectMany(i => Values(i.Value).Prepend(i.Key)),
        ClassPattern c => c.Positional.Concat(c.Keywords.Select(k => k.Value)).SelectMany(Values).Prepend(c.Class),
        OrPattern o => o.Alternatives.SelectMany(Values),
        _ => [],
    };

    public static IEnumerable<string> Names(Pattern p) => p switch
    {
        AsPattern a => (a.Pattern is null ? [] : Names(a.Pattern)).Concat(a.Name is null ? [] : [a.Name]),
        StarPattern { Name: string n } => [n],
        SequencePattern s => s.Items.SelectMany(Names),
        MappingPattern m => m.Items.SelectMany(i => Names(i.Value)).Concat(m.Rest is null ? [] : [m.Rest]),
        ClassPattern c => c.Positional.Concat(c.Keywords.Select(k => k.Value)).SelectMany(Names),
        OrPattern o => o.Alternatives.Count == 0 ? [] : Names(o.Alternatives[0]),
        _ => [],
    };
}
