namespace ByteFluent.Portable.Syntax;

/// <summary>
/// A Python expression as the portable builder records it: semantic (what is computed), not opcodes. Build them with
/// <see cref="Py"/>; C# operators <c>+ - * / % &amp; | ^ &lt;&lt; &gt;&gt;</c> and unary <c>- ~</c> build Python's.
/// </summary>
public abstract record Expr
{
    /// <summary>An int constant.</summary>
    public static implicit operator Expr(int value) => new ConstExpr(value);

    /// <summary>A float constant.</summary>
    public static implicit operator Expr(double value) => new ConstExpr(value);

    /// <summary>A bool constant.</summary>
    public static implicit operator Expr(bool value) => new ConstExpr(value);

    /// <summary><c>a + b</c>.</summary>
    public static Expr operator +(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Add, a, b);

    /// <summary><c>a - b</c>.</summary>
    public static Expr operator -(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Subtract, a, b);

    /// <summary><c>a * b</c>.</summary>
    public static Expr operator *(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Multiply, a, b);

    /// <summary><c>a / b</c> (2.7: classic division, as 2.7 source compiles it).</summary>
    public static Expr operator /(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Divide, a, b);

    /// <summary><c>a % b</c>.</summary>
    public static Expr operator %(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Remainder, a, b);

    /// <summary><c>a &amp; b</c>.</summary>
    public static Expr operator &(Expr a, Expr b) => new BinaryExpr(BinaryOperator.And, a, b);

    /// <summary><c>a | b</c>.</summary>
    public static Expr operator |(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Or, a, b);

    /// <summary><c>a ^ b</c>.</summary>
    public static Expr operator ^(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Xor, a, b);

    /// <summary><c>a &lt;&lt; b</c>.</summary>
    public static Expr operator <<(Expr a, Expr b) => new BinaryExpr(BinaryOperator.LeftShift, a, b);

    /// <summary><c>a &gt;&gt; b</c>.</summary>
    public static Expr operator >>(Expr a, Expr b) => new BinaryExpr(BinaryOperator.RightShift, a, b);

    /// <summary><c>-a</c>.</summary>
    public static Expr operator -(Expr a) => new UnaryExpr(UnaryOperator.Negative, a);

    /// <summary><c>+a</c>.</summary>
    public static Expr operator +(Expr a) => new UnaryExpr(UnaryOperator.Positive, a);

    /// <summary><c>~a</c>.</summary>
    public static Expr operator ~(Expr a) => new UnaryExpr(UnaryOperator.Invert, a);

    /// <summary><c>a // b</c>.</summary>
    public Expr FloorDiv(Expr b) => new BinaryExpr(BinaryOperator.FloorDivide, this, b);

    /// <summary><c>a ** b</c>.</summary>
    public Expr Pow(Expr b) => new BinaryExpr(BinaryOperator.Power, this, b);

    /// <summary><c>a @ b</c> (3.5+).</summary>
    public Expr MatMul(Expr b) => new BinaryExpr(BinaryOperator.MatrixMultiply, this, b);

    /// <summary><c>a.name</c>.</summary>
    public Expr Attr(string name) => new AttrExpr(this, name);

    /// <summary><c>a[index]</c>.</summary>
    public Expr Item(Expr index) => new SubscriptExpr(this, index);

    /// <summary><c>a[lower:upper:step]</c>.</summary>
    public Expr Slice(Expr? lower, Expr? upper, Expr? step = null) => new SubscriptExpr(this, new SliceExpr(lower, upper, step));

    /// <summary><c>a(args)</c>: positional values, or <see cref="Py.Kw"/>, <see cref="Py.Star"/>, <see cref="Py.StarStar"/>.</summary>
    public Expr Call(params Arg[] args) => new CallExpr(this, args);

    /// <summary><c>a.name(args)</c>: a method call (lowered to the version's method-call idiom).</summary>
    public Expr CallMethod(string name, params Arg[] args) => new CallExpr(new AttrExpr(this, name), args);

    /// <summary><c>a == b</c>.</summary>
    public Expr Eq(Expr b) => Compare(CompareOperator.Equal, b);

    /// <summary><c>a != b</c>.</summary>
    public Expr Ne(Expr b) => Compare(CompareOperator.NotEqual, b);

    /// <summary><c>a &lt; b</c> (chains: <c>a.Lt(b).Lt(c)</c> is <c>a &lt; b &lt; c</c>).</summary>
    public Expr Lt(Expr b) => Compare(CompareOperator.Less, b);

    /// <summary><c>a &lt;= b</c>.</summary>
    public Expr Le(Expr b) => Compare(CompareOperator.LessEqual, b);

    /// <summary><c>a &gt; b</c>.</summary>
    public Expr Gt(Expr b) => Compare(CompareOperator.Greater, b);

    /// <summary><c>a &gt;= b</c>.</summary>
    public Expr Ge(Expr b) => Compare(CompareOperator.GreaterEqual, b);

    /// <summary><c>a is b</c>.</summary>
    public Expr Is(Expr b) => Compare(CompareOperator.Is, b);

    /// <summary><c>a is not b</c>.</summary>
    public Expr IsNot(Expr b) => Compare(CompareOperator.IsNot, b);

    /// <summary><c>a in b</c>.</summary>
    public Expr In(Expr b) => Compare(CompareOperator.In, b);

    /// <summary><c>a not in b</c>.</summary>
    public Expr NotIn(Expr b) => Compare(CompareOperator.NotIn, b);

    /// <summary><c>a and b</c>.</summary>
    public Expr And(Expr b) => new BoolExpr(true, [this, b]);

    /// <summary><c>a or b</c>.</summary>
    public Expr Or(Expr b) => new BoolExpr(false, [this, b]);

    /// <summary>Adds a comparison; on a comparison this chains (<c>a &lt; b &lt; c</c>).</summary>
    public Expr Compare(CompareOperator op, Expr b) => this is CompareExpr c
        ? c with { Rest = [.. c.Rest, (op, b)] }
        : new CompareExpr(this, [(op, b)]);
}

/// <summary>A constant: null (None), bool, int, long, BigInteger, double, string, byte[], or a tuple of those (object[]).</summary>
public sealed record ConstExpr(object? Value) : Expr;

/// <summary>A name, resolved to local, global, name or cell/free from the scopes.</summary>
public sealed record NameExpr(string Name) : Expr;

/// <summary><c>target.name</c>.</summary>
public sealed record AttrExpr(Expr Target, string Name) : Expr;

/// <summary><c>target[index]</c>.</summary>
public sealed record SubscriptExpr(Expr Target, Expr Index) : Expr;

/// <summary><c>lower:upper:step</c> inside a subscript.</summary>
public sealed record SliceExpr(Expr? Lower, Expr? Upper, Expr? Step) : Expr;

/// <summary>A binary operator.</summary>
public sealed record BinaryExpr(BinaryOperator Op, Expr Left, Expr Right) : Expr;

/// <summary>A unary operator.</summary>
public sealed record UnaryExpr(UnaryOperator Op, Expr Operand) : Expr;

/// <summary>A comparison, chained when there are several.</summary>
public sealed record CompareExpr(Expr Left, IReadOnlyList<(CompareOperator Op, Expr Right)> Rest) : Expr;

/// <summary><c>a and b and …</c> or <c>a or b or …</c>.</summary>
public sealed record BoolExpr(bool IsAnd, IReadOnlyList<Expr> Values) : Expr;

/// <summary><c>body if test else orElse</c>.</summary>
public sealed record IfExpr(Expr Test, Expr Body, Expr OrElse) : Expr;

/// <summary>A call.</summary>
public sealed record CallExpr(Expr Function, IReadOnlyList<Arg> Args) : Expr;

/// <summary>A tuple, list or set display (items may be <see cref="StarredExpr"/>).</summary>
public sealed record CollectionExpr(CollectionKind Kind, IReadOnlyList<Expr> Items) : Expr;

/// <summary><c>*value</c> inside a display or an assignment target.</summary>
public sealed record StarredExpr(Expr Value) : Expr;

/// <summary>A dict display.</summary>
public sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Items) : Expr;

/// <summary>An f-string: literal text and formatted values.</summary>
public sealed record FStringExpr(IReadOnlyList<FPart> Parts) : Expr;

/// <summary>A lambda.</summary>
public sealed record LambdaExpr(FunctionDef Definition) : Expr;

/// <summary><c>yield value</c>.</summary>
public sealed record YieldExpr(Expr? Value) : Expr;

/// <summary><c>yield from value</c> (3.3+).</summary>
public sealed record YieldFromExpr(Expr Value) : Expr;

/// <summary><c>await value</c> (3.5+).</summary>
public sealed record AwaitExpr(Expr Value) : Expr;

/// <summary>A list, set or dict comprehension or a generator expression: a nested code object.</summary>
public sealed record ComprehensionExpr(ComprehensionKind Kind, Expr Element, Expr? Value, IReadOnlyList<ForClause> Clauses) : Expr;

/// <summary>One <c>for target in iter if …</c> clause of a comprehension.</summary>
public sealed record ForClause(Expr Target, Expr Iter, IReadOnlyList<Expr> Conditions);

/// <summary>A part of an f-string: literal text, or a value with an optional conversion (<c>'r'</c>, <c>'s'</c>, <c>'a'</c>) and format spec.</summary>
public sealed record FPart(string? Text, Expr? Value = null, char Conversion = '\0', string? Spec = null);

/// <summary>A call argument.</summary>
public abstract record Arg
{
    /// <summary>A positional argument.</summary>
    public static implicit operator Arg(Expr value) => new PositionalArg(value);

    /// <summary>A positional int constant.</summary>
    public static implicit operator Arg(int value) => new PositionalArg(new ConstExpr(value));

    /// <summary>A positional float constant.</summary>
    public static implicit operator Arg(double value) => new PositionalArg(new ConstExpr(value));

    /// <summary>A positional bool constant.</summary>
    public static implicit operator Arg(bool value) => new PositionalArg(new ConstExpr(value));
}

/// <summary>A positional argument.</summary>
public sealed record PositionalArg(Expr Value) : Arg;

/// <summary><c>name=value</c>.</summary>
public sealed record KeywordArg(string Name, Expr Value) : Arg;

/// <summary><c>*value</c>.</summary>
public sealed record StarArg(Expr Value) : Arg;

/// <summary><c>**value</c>.</summary>
public sealed record StarStarArg(Expr Value) : Arg;

/// <summary>Binary operators (also used in place: <c>+=</c>, …).</summary>
public enum BinaryOperator
{
    /// <summary>+</summary>
    Add,

    /// <summary>-</summary>
    Subtract,

    /// <summary>*</summary>
    Multiply,

    /// <summary>/</summary>
    Divide,

    /// <summary>//</summary>
    FloorDivide,

    /// <summary>%</summary>
    Remainder,

    /// <summary>**</summary>
    Power,

    /// <summary>&lt;&lt;</summary>
    LeftShift,

    /// <summary>&gt;&gt;</summary>
    RightShift,

    /// <summary>&amp;</summary>
    And,

    /// <summary>|</summary>
    Or,

    /// <summary>^</summary>
    Xor,

    /// <summary>@</summary>
    MatrixMultiply,
}

/// <summary>Unary operators.</summary>
public enum UnaryOperator
{
    /// <summary>-x</summary>
    Negative,

    /// <summary>+x</summary>
    Positive,

    /// <summary>~x</summary>
    Invert,

    /// <summary>not x</summary>
    Not,
}

/// <summary>Comparison operators.</summary>
public enum CompareOperator
{
    /// <summary>&lt;</summary>
    Less,

    /// <summary>&lt;=</summary>
    LessEqual,

    /// <summary>==</summary>
    Equal,

    /// <summary>!=</summary>
    NotEqual,

    /// <summary>&gt;</summary>
    Greater,

    /// <summary>&gt;=</summary>
    GreaterEqual,

    /// <summary>is</summary>
    Is,

    /// <summary>is not</summary>
    IsNot,

    /// <summary>in</summary>
    In,

    /// <summary>not in</summary>
    NotIn,
}

/// <summary>Display kinds.</summary>
public enum CollectionKind
{
    /// <summary>A tuple.</summary>
    Tuple,

    /// <summary>A list.</summary>
    List,

    /// <summary>A set.</summary>
    Set,
}

/// <summary>Comprehension kinds.</summary>
public enum ComprehensionKind
{
    /// <summary>[e for …]</summary>
    List,

    /// <summary>{e for …}</summary>
    Set,

    /// <summary>{k: v for …}</summary>
    Dict,

    /// <summary>(e for …)</summary>
    Generator,
}
