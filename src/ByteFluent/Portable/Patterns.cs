using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable;

/// <summary>
/// Factories for <c>match</c> patterns (3.10+): <c>Patterns.Value(1) | Patterns.Value(2)</c>,
/// <c>Patterns.Sequence(Patterns.Capture("a"), Patterns.Star("rest"))</c>, <c>Patterns.Class(Py.Name("P"), [Patterns.Capture("x")])</c>.
/// </summary>
public static class Patterns
{
    /// <summary><c>_</c>: matches anything, binds nothing.</summary>
    public static Pattern Wildcard { get; } = new AsPattern(null, null);

    /// <summary><c>None</c> (compared with <c>is</c>).</summary>
    public static Pattern None { get; } = new SingletonPattern(null);

    /// <summary><c>True</c> or <c>False</c> (compared with <c>is</c>).</summary>
    public static Pattern Singleton(bool value) => new SingletonPattern(value);

    /// <summary>A literal or dotted-name value compared with <c>==</c>: <c>Patterns.Value(1)</c>, <c>Patterns.Value(Py.Name("Color").Attr("RED"))</c>.</summary>
    public static Pattern Value(Expr value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is ConstExpr { Value: null or bool })
        {
            throw new ArgumentException("None, True and False are singleton patterns: use Patterns.None / Patterns.Singleton", nameof(value));
        }

        return new ValuePattern(value);
    }

    /// <summary>A capture: binds the subject to <paramref name="name"/>.</summary>
    public static Pattern Capture(string name) => new AsPattern(null, CheckName(name));

    /// <summary><c>pattern as name</c>.</summary>
    public static Pattern As(Pattern pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new AsPattern(pattern, CheckName(name));
    }

    /// <summary><c>*name</c> inside a sequence; <c>*_</c> when <paramref name="name"/> is null.</summary>
    public static Pattern Star(string? name = null) => new StarPattern(name is null ? null : CheckName(name));

    /// <summary><c>[p1, p2, …]</c>.</summary>
    public static Pattern Sequence(params Pattern[] items)
    {
        if (items.Count(i => i is StarPattern) > 1)
        {
            throw new ArgumentException("multiple starred names in sequence pattern", nameof(items));
        }

        return new SequencePattern(items);
    }

    /// <summary><c>{key: pattern, …}</c>.</summary>
    public static Pattern Mapping(params (Expr Key, Pattern Value)[] items) => new MappingPattern(items);

    /// <summary><c>{key: pattern, …, **rest}</c>.</summary>
    public static Pattern Mapping((Expr Key, Pattern Value)[] items, string rest) => new MappingPattern(items, CheckName(rest));

    /// <summary><c>cls(positional…, name=pattern…)</c>.</summary>
    public static Pattern Class(Expr cls, Pattern[] positional, params (string Name, Pattern Value)[] keywords)
    {
        ArgumentNullException.ThrowIfNull(cls);
        if (keywords.Select(k => k.Name).Distinct().Count() != keywords.Length)
        {
            throw new ArgumentException("attribute name repeated in class pattern", nameof(keywords));
        }

        return new ClassPattern(cls, positional, keywords);
    }

    /// <summary><c>p1 | p2 | …</c>.</summary>
    public static Pattern Or(params Pattern[] alternatives)
    {
        if (alternatives.Length < 2)
        {
            throw new ArgumentException("an or-pattern needs at least two alternatives", nameof(alternatives));
        }

        return new OrPattern(alternatives);
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name == "_")
        {
            throw new ArgumentException("'_' is the wildcard, not a name: use Patterns.Wildcard / Patterns.Star()", nameof(name));
        }

        return name;
    }
}

/// <summary>The cases of a <see cref="Block.Match"/>.</summary>
public sealed class MatchBuilder
{
    private readonly Block owner;

    internal MatchBuilder(Block owner) => this.owner = owner;

    internal List<MatchCase> Cases { get; } = [];

    /// <summary><c>case pattern: body</c>.</summary>
    public MatchBuilder Case(Pattern pattern, Action<Block> body) => Case(pattern, null, body);

    /// <summary><c>case pattern if guard: body</c> (guard null: none).</summary>
    public MatchBuilder Case(Pattern pattern, Expr? guard, Action<Block> body)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var line = owner.PeekLine();
        Cases.Add(new MatchCase(pattern, guard, owner.Nested(body, header: true), line));
        return this;
    }
}
