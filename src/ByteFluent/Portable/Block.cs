using ByteFluent.Assembly;
using ByteFluent.Model;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;

namespace ByteFluent.Portable;

/// <summary>
/// A fluent list of portable statements (a module, function or class body, or a nested block). Every method appends
/// one statement and returns the block; nested blocks are filled by callbacks. Nothing is lowered until the module is
/// built for a version, so the same C# code yields code objects for 2.7 and 3.6–3.15.
/// </summary>
public sealed class Block
{
    private readonly List<Stmt> statements = [];
    private readonly LineCounter lines;
    private int? nextLine;
    private SourceLocation? nextPosition;

    internal Block(LineCounter lines) => this.lines = lines;

    /// <summary>The statements so far.</summary>
    public IReadOnlyList<Stmt> Statements => statements;

    /// <summary>Sets the source line of the next statement (the following ones continue from it).</summary>
    public Block Line(int line)
    {
        nextLine = line;
        return this;
    }

    /// <summary>
    /// Sets the full source position of the next statement, as 3.11+ <c>co_positions()</c> reports it (0-based UTF-8
    /// byte columns, end column exclusive); its line is also the next statement's line, as with <see cref="Line"/>.
    /// On 3.11+ all of the statement's own instructions get this position (a compound statement's header: its test,
    /// iterator or context expression; its nested statements keep their own); before 3.11 only the line is used.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A line below 1, a negative column, an end before the start.</exception>
    public Block At(int line, int column, int endLine, int endColumn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfLessThan(endLine, line);
        ArgumentOutOfRangeException.ThrowIfNegative(endColumn);
        if (endLine == line)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(endColumn, column);
        }

        nextPosition = new SourceLocation(line, endLine, column, endColumn);
        return Line(line);
    }

    /// <summary>Appends any statement record.</summary>
    public Block Add(Stmt statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        int line;
        if (nextLine is int n)
        {
            lines.Next = n + 1;
            line = n;
            nextLine = null;
        }
        else
        {
            line = lines.Next++;
        }

        var position = statement.Position ?? nextPosition;
        nextPosition = null;
        statements.Add(statement with { Line = statement.Line ?? position?.Line ?? line, Position = position });
        return this;
    }

    /// <summary>An expression statement.</summary>
    public Block Do(Expr value) => Add(new ExprStmt(value));

    /// <summary><c>print(args)</c> through the builtin print function (2.7 too).</summary>
    public Block Print(params Arg[] args) => Do(Py.Call("print", args));

    /// <summary><c>name = value</c>.</summary>
    public Block Assign(string name, Expr value) => Add(new AssignStmt([Py.Name(name)], value));

    /// <summary><c>target = value</c> (a name, attribute, subscript or tuple/list of targets).</summary>
    public Block Assign(Expr target, Expr value) => Add(new AssignStmt([target], value));

    /// <summary><c>t1 = t2 = … = value</c>.</summary>
    public Block AssignMany(Expr[] targets, Expr value) => Add(new AssignStmt(targets, value));

    /// <summary><c>name op= value</c>.</summary>
    public Block AugAssign(string name, BinaryOperator op, Expr value) => Add(new AugAssignStmt(Py.Name(name), op, value));

    /// <summary><c>target op= value</c>.</summary>
    public Block AugAssign(Expr target, BinaryOperator op, Expr value) => Add(new AugAssignStmt(target, op, value));

    /// <summary><c>del target</c>.</summary>
    public Block Delete(Expr target) => Add(new DeleteStmt(target));

    /// <summary><c>del name</c>.</summary>
    public Block Delete(string name) => Add(new DeleteStmt(Py.Name(name)));

    /// <summary><c>if test: then else: orElse</c>.</summary>
    public Block If(Expr test, Action<Block> then, Action<Block>? orElse = null)
    {
        var header = Reserve();
        return Add(new IfStmt(test, Nested(then), orElse is null ? [] : Nested(orElse, header: true)) { Line = header });
    }

    /// <summary><c>while test: body else: orElse</c>.</summary>
    public Block While(Expr test, Action<Block> body, Action<Block>? orElse = null)
    {
        var header = Reserve();
        return Add(new WhileStmt(test, Nested(body), orElse is null ? [] : Nested(orElse, header: true)) { Line = header });
    }

    /// <summary><c>for target in iter: body else: orElse</c>.</summary>
    public Block For(Expr target, Expr iter, Action<Block> body, Action<Block>? orElse = null)
    {
        var header = Reserve();
        return Add(new ForStmt(target, iter, Nested(body), orElse is null ? [] : Nested(orElse, header: true)) { Line = header });
    }

    /// <summary><c>for name in iter: body else: orElse</c>.</summary>
    public Block For(string name, Expr iter, Action<Block> body, Action<Block>? orElse = null) => For(Py.Name(name), iter, body, orElse);

    /// <summary><c>async for target in iter: body else: orElse</c> (3.6+, inside an <c>async def</c>; break / continue as in <see cref="For(Expr, Expr, Action{Block}, Action{Block}?)"/>).</summary>
    public Block AsyncFor(Expr target, Expr iter, Action<Block> body, Action<Block>? orElse = null)
    {
        var header = Reserve();
        return Add(new ForStmt(target, iter, Nested(body), orElse is null ? [] : Nested(orElse, header: true), IsAsync: true) { Line = header });
    }

    /// <summary><c>async for name in iter: body else: orElse</c>.</summary>
    public Block AsyncFor(string name, Expr iter, Action<Block> body, Action<Block>? orElse = null) => AsyncFor(Py.Name(name), iter, body, orElse);

    /// <summary><c>break</c>.</summary>
    public Block Break() => Add(new BreakStmt());

    /// <summary><c>continue</c>.</summary>
    public Block Continue() => Add(new ContinueStmt());

    /// <summary><c>pass</c>.</summary>
    public Block Pass() => Add(new PassStmt());

    /// <summary><c>return value</c> (<c>return</c> when null).</summary>
    public Block Return(Expr? value = null) => Add(new ReturnStmt(value));

    /// <summary><c>raise exception [from cause]</c>.</summary>
    public Block Raise(Expr exception, Expr? cause = null) => Add(new RaiseStmt(exception, cause));

    /// <summary>A bare <c>raise</c>: re-raises the exception being handled.</summary>
    public Block Reraise() => Add(new RaiseStmt(null, null));

    /// <summary><c>try: body</c> with handlers (see <see cref="TryBuilder"/>): <c>.Try(b => …, t => t.Except("E", "e", h => …).Finally(f => …))</c>.</summary>
    public Block Try(Action<Block> body, Action<TryBuilder> clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        var header = Reserve();
        var b = Nested(body);
        var t = new TryBuilder(this);
        clauses(t);
        if (t.Handlers.Count == 0 && t.FinallyBody.Count == 0)
        {
            throw new ArgumentException("a try statement needs an except or a finally clause", nameof(clauses));
        }

        return Add(new TryStmt(b, t.Handlers, t.ElseBody, t.FinallyBody) { Line = header });
    }

    /// <summary><c>with context as target: body</c>.</summary>
    public Block With(Expr context, string? target, Action<Block> body)
    {
        var header = Reserve();
        return Add(new WithStmt(context, target is null ? null : Py.Name(target), Nested(body)) { Line = header });
    }

    /// <summary><c>async with context as target: body</c> (3.6+, inside an <c>async def</c>; target null: no <c>as</c>).</summary>
    public Block AsyncWith(Expr context, string? target, Action<Block> body)
    {
        var header = Reserve();
        return Add(new WithStmt(context, target is null ? null : Py.Name(target), Nested(body), IsAsync: true) { Line = header });
    }

    /// <summary><c>assert test, message</c>.</summary>
    public Block Assert(Expr test, Expr? message = null) => Add(new AssertStmt(test, message));

    /// <summary><c>import module [as alias]</c>.</summary>
    public Block Import(string module, string? alias = null) => Add(new ImportStmt(module, alias));

    /// <summary><c>from module import names</c>; a name may be <c>"x as y"</c>.</summary>
    public Block ImportFrom(string module, params string[] names) => Add(new ImportFromStmt(module, [.. names.Select(SplitAlias)]));

    /// <summary><c>global names</c>.</summary>
    public Block Global(params string[] names) => Add(new GlobalStmt(names));

    /// <summary><c>nonlocal names</c>.</summary>
    public Block Nonlocal(params string[] names) => Add(new NonlocalStmt(names));

    /// <summary><c>def name(args): body</c>; a parameter may carry a default and an annotation (<see cref="Py.Param"/>).</summary>
    public Block Def(string name, Parameter[] args, Action<Block> body, Action<DefOptions>? options = null)
    {
        var header = Reserve();
        var o = new DefOptions();
        options?.Invoke(o);
        var def = new FunctionDef(name, args, Nested(body), o.KwOnly, o.VarArgs, o.VarKeywords, o.Decorators, o.Returns, o.IsAsync);
        return Add(new FunctionDefStmt(def) { Line = header });
    }

    /// <summary><c>def name(a, b, …): body</c>.</summary>
    public Block Def(string name, string[] args, Action<Block> body, Action<DefOptions>? options = null) =>
        Def(name, [.. args.Select(a => new Parameter(a))], body, options);

    /// <summary><c>async def name(args): body</c> (3.5+).</summary>
    public Block AsyncDef(string name, string[] args, Action<Block> body) => Def(name, args, body, o => o.IsAsync = true);

    /// <summary><c>class name(bases): body</c>.</summary>
    public Block Class(string name, Expr[] bases, Action<Block> body, params Expr[] decorators)
    {
        var header = Reserve();
        return Add(new ClassDefStmt(new ClassDef(name, bases, Nested(body), decorators)) { Line = header });
    }

    /// <summary><c>class name(bases, keyword=value, …): body</c> (3.x), e.g. <c>[("metaclass", Py.Name("Meta"))]</c>.</summary>
    public Block Class(string name, Expr[] bases, (string Name, Expr Value)[] keywords, Action<Block> body, params Expr[] decorators)
    {
        var header = Reserve();
        return Add(new ClassDefStmt(new ClassDef(name, bases, Nested(body), decorators, keywords)) { Line = header });
    }

    /// <summary><c>match subject:</c> with its cases (3.10+): <c>.Match(x, c =&gt; c.Case(Patterns.Value(1), b =&gt; …).Case(Patterns.Wildcard, b =&gt; …))</c>.</summary>
    public Block Match(Expr subject, Action<MatchBuilder> cases)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(cases);
        var header = Reserve();
        var m = new MatchBuilder(this);
        cases(m);
        if (m.Cases.Count == 0)
        {
            throw new ArgumentException("a match statement needs at least one case", nameof(cases));
        }

        return Add(new MatchStmt(subject, m.Cases) { Line = header });
    }

    /// <summary>
    /// Drops to the target version's own instructions: <paramref name="items"/> gets the opcode table and returns code-list
    /// entries (e.g. <c>Python312.Module().LoadConst(1).PopTop().Items</c>, or <c>new Instr(table["NOP"])</c>). They must
    /// leave the stack as they found it; the portable body continues after them.
    /// </summary>
    public Block Raw(Func<OpcodeTable, IEnumerable<CodeItem>> items) => Add(new RawStmt(items));

    private static (string, string?) SplitAlias(string n)
    {
        var k = n.IndexOf(" as ", StringComparison.Ordinal);
        return k < 0 ? (n, null) : (n[..k], n[(k + 4)..]);
    }

    private int Reserve()
    {
        if (nextLine is int n)
        {
            nextLine = null;
            lines.Next = n + 1;
            return n;
        }

        return lines.Next++;
    }

    internal int PeekLine() => lines.Next;

    internal List<Stmt> Nested(Action<Block> fill, bool header = false)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (header)
        {
            lines.Next++;   // the "else:" / "except:" line
        }

        var b = new Block(lines);
        fill(b);
        return [.. b.statements];
    }
}

/// <summary>Options of <see cref="Block.Def(string, Parameter[], Action{Block}, Action{DefOptions}?)"/>.</summary>
public sealed class DefOptions
{
    /// <summary>Keyword-only parameters (with optional defaults).</summary>
    public Parameter[]? KwOnly { get; set; }

    /// <summary>The <c>*args</c> parameter.</summary>
    public string? VarArgs { get; set; }

    /// <summary>The <c>**kwargs</c> parameter.</summary>
    public string? VarKeywords { get; set; }

    /// <summary>Decorators, outermost first.</summary>
    public Expr[]? Decorators { get; set; }

    /// <summary>The return annotation.</summary>
    public Expr? Returns { get; set; }

    /// <summary>Whether this is <c>async def</c>.</summary>
    public bool IsAsync { get; set; }
}

/// <summary>The clauses of a <see cref="Block.Try"/>.</summary>
public sealed class TryBuilder
{
    private readonly Block owner;

    internal TryBuilder(Block owner) => this.owner = owner;

    internal List<ExceptHandler> Handlers { get; } = [];

    internal List<Stmt> ElseBody { get; private set; } = [];

    internal List<Stmt> FinallyBody { get; private set; } = [];

    /// <summary><c>except type as name:</c> (type null: bare <c>except:</c>).</summary>
    public TryBuilder Except(Expr? type, string? name, Action<Block> body)
    {
        Handlers.Add(new ExceptHandler(type, name, owner.Nested(body, header: true)));
        return this;
    }

    /// <summary><c>except TypeName:</c>.</summary>
    public TryBuilder Except(string type, Action<Block> body) => Except(Py.Name(type), null, body);

    /// <summary><c>except TypeName as name:</c>.</summary>
    public TryBuilder Except(string type, string name, Action<Block> body) => Except(Py.Name(type), name, body);

    /// <summary><c>else:</c>.</summary>
    public TryBuilder Else(Action<Block> body)
    {
        ElseBody = owner.Nested(body, header: true);
        return this;
    }

    /// <summary><c>finally:</c>.</summary>
    public TryBuilder Finally(Action<Block> body)
    {
        FinallyBody = owner.Nested(body, header: true);
        return this;
    }
}

internal sealed class LineCounter
{
    public int Next { get; set; } = 1;
}
