using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Model;

/// <summary>
/// byteplay's <c>Code</c>: an editable equivalent of a CPython code object. <see cref="CodeList"/> holds the
/// instructions with real arguments and pseudo-entries; the tables (<see cref="Consts"/>, <see cref="Names"/>,
/// variables) keep the code object's original order, including entries no instruction uses, and the assembler
/// appends new entries in first-use order. <see cref="FromCode(PyCode, PythonVersion)"/> and <see cref="ToCode(PythonVersion?)"/> convert
/// both ways; the line/location table, exception table, stack size and counts are always recomputed.
/// </summary>
public sealed partial class Code
{
    /// <summary>CO_OPTIMIZED.</summary>
    public const int CoOptimized = 0x1;

    /// <summary>CO_NEWLOCALS.</summary>
    public const int CoNewLocals = 0x2;

    /// <summary>CO_VARARGS.</summary>
    public const int CoVarArgs = 0x4;

    /// <summary>CO_VARKEYWORDS.</summary>
    public const int CoVarKeywords = 0x8;

    /// <summary>CO_GENERATOR.</summary>
    public const int CoGenerator = 0x20;

    /// <summary>CO_NOFREE (2.7–3.9).</summary>
    public const int CoNoFree = 0x40;

    /// <summary>CO_COROUTINE (3.5+).</summary>
    public const int CoCoroutine = 0x80;

    /// <summary>CO_ITERABLE_COROUTINE (3.5+).</summary>
    public const int CoIterableCoroutine = 0x100;

    /// <summary>CO_ASYNC_GENERATOR (3.6+).</summary>
    public const int CoAsyncGenerator = 0x200;

    /// <summary>Creates an empty code object model for a version.</summary>
    public Code(PythonVersion version)
    {
        Version = version;
        Dialect = Assembly.BytecodeDialect.For(version);
    }

    /// <summary>
    /// Creates an empty code object model for an opcode table: a built-in one, or a custom table (e.g. a CPython build
    /// with remapped opcode numbers) whose numbers <see cref="ToCode(PythonVersion?)"/> then writes.
    /// </summary>
    /// <exception cref="UnsupportedPythonVersionException">The table's version is not one ByteFluent knows the layout of.</exception>
    public Code(OpcodeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Version = table.Version;
        Dialect = Assembly.BytecodeDialect.For(table);
    }

    /// <summary>The opcode table the model assembles with by default (the version's built-in table unless created with another).</summary>
    public OpcodeTable Table => Dialect.Table;

    /// <summary>The version whose bytecode <see cref="CodeList"/> holds.</summary>
    public PythonVersion Version { get; }

    internal Assembly.BytecodeDialect Dialect { get; }

    /// <summary>byteplay's <c>code</c>: the instructions and pseudo-entries.</summary>
    public CodeList CodeList { get; set; } = [];

    /// <summary>co_argcount: positional parameters (positional-only included).</summary>
    public int ArgCount { get; set; }

    /// <summary>co_posonlyargcount (3.8+).</summary>
    public int PosOnlyArgCount { get; set; }

    /// <summary>co_kwonlyargcount (3.0+).</summary>
    public int KwOnlyArgCount { get; set; }

    /// <summary>co_flags. CO_NOFREE is recomputed when assembling for 2.7–3.9.</summary>
    public int Flags { get; set; }

    /// <summary>co_consts, in table order (nested code objects as <see cref="Code"/>).</summary>
    public List<object> Consts { get; set; } = [];

    /// <summary>co_names, in table order.</summary>
    public List<PyString> Names { get; set; } = [];

    /// <summary>co_varnames (before 3.11; from 3.11 the locals of <see cref="LocalsPlus"/>).</summary>
    public List<PyString> VarNames { get; set; } = [];

    /// <summary>co_cellvars (before 3.11).</summary>
    public List<PyString> CellVars { get; set; } = [];

    /// <summary>byteplay's <c>freevars</c>: co_freevars (before 3.11).</summary>
    public List<PyString> FreeVars { get; set; } = [];

    /// <summary>3.11+: co_localsplusnames with their kinds (CO_FAST_LOCAL 0x20, CELL 0x40, FREE 0x80, HIDDEN 0x10, …).</summary>
    public List<(PyString Name, byte Kind)> LocalsPlus { get; set; } = [];

    /// <summary>byteplay's <c>filename</c>.</summary>
    public PyString Filename { get; set; } = new(string.Empty);

    /// <summary>byteplay's <c>name</c>.</summary>
    public PyString Name { get; set; } = new(string.Empty);

    /// <summary>co_qualname (3.11+).</summary>
    public PyString? QualName { get; set; }

    /// <summary>byteplay's <c>firstlineno</c>.</summary>
    public int FirstLineNo { get; set; }

    /// <summary>
    /// A stack size to write instead of the computed one (null: computed by <see cref="ComputeStackSize"/>). The text
    /// assembly format sets it from its <c>stacksize</c> attribute, because CPython measures the depth before its
    /// optimizer and so differs from the computation for a few code objects. <see cref="FromCode(PyCode, PythonVersion)"/> never sets it.
    /// </summary>
    public int? DeclaredStackSize { get; set; }

    /// <summary>byteplay's <c>varargs</c>: whether there is a <c>*args</c> parameter.</summary>
    public bool VarArgs
    {
        get => (Flags & CoVarArgs) != 0;
        set => Flags = value ? Flags | CoVarArgs : Flags & ~CoVarArgs;
    }

    /// <summary>byteplay's <c>varkwargs</c>: whether there is a <c>**kwargs</c> parameter.</summary>
    public bool VarKwargs
    {
        get => (Flags & CoVarKeywords) != 0;
        set => Flags = value ? Flags | CoVarKeywords : Flags & ~CoVarKeywords;
    }

    /// <summary>byteplay's <c>newlocals</c>: whether a new local namespace is created (functions).</summary>
    public bool NewLocals
    {
        get => (Flags & CoNewLocals) != 0;
        set => Flags = value ? Flags | CoNewLocals : Flags & ~CoNewLocals;
    }

    /// <summary>Whether calling the code creates a generator.</summary>
    public bool IsGenerator => (Flags & CoGenerator) != 0;

    /// <summary>Whether calling the code creates a coroutine.</summary>
    public bool IsCoroutine => (Flags & CoCoroutine) != 0;

    /// <summary>Whether calling the code creates an async generator.</summary>
    public bool IsAsyncGenerator => (Flags & CoAsyncGenerator) != 0;

    /// <summary>byteplay's <c>args</c>: the parameter names, <c>*args</c> and <c>**kwargs</c> included.</summary>
    public IReadOnlyList<string> Args
    {
        get
        {
            var count = ArgCount + KwOnlyArgCount + (VarArgs ? 1 : 0) + (VarKwargs ? 1 : 0);
            return LocalNames().Take(count).ToList();
        }
    }

    /// <summary>byteplay's <c>docstring</c>: the first constant when it is a string (functions, classes and modules keep it there).</summary>
    public string? Docstring => Consts.Count > 0 && Consts[0] is PyString s ? s.Value : null;

    /// <summary>The local variable names (varnames before 3.11; locals of localsplus from 3.11).</summary>
    public IEnumerable<string> LocalNames() => Dialect.UsesLocalsPlus
        ? LocalsPlus.Where(l => (l.Kind & LocalKinds.Local) != 0).Select(l => l.Name.Value)
        : VarNames.Select(v => v.Value);

    /// <summary>Every nested <see cref="Code"/> among the constants.</summary>
    public IEnumerable<Code> NestedCode => Consts.OfType<Code>();

    /// <inheritdoc/>
    public override string ToString() => $"<Code {Name.Value} {Version} {CodeList.OfType<Instr>().Count()} instructions>";
}

/// <summary>The 3.11+ kinds of a "locals plus" slot (<c>co_localspluskinds</c>).</summary>
public static class LocalKinds
{
    /// <summary>CO_FAST_HIDDEN (3.12+): a comprehension's inlined variable.</summary>
    public const byte Hidden = 0x10;

    /// <summary>CO_FAST_LOCAL.</summary>
    public const byte Local = 0x20;

    /// <summary>CO_FAST_CELL.</summary>
    public const byte Cell = 0x40;

    /// <summary>CO_FAST_FREE.</summary>
    public const byte Free = 0x80;
}
