using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>What an enclosing statement left on the stack and in the block stack, for unwinding on return/break/continue.</summary>
internal enum FBlockKind
{
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    Handler,
    HandlerCleanup,
    With,
}

internal sealed class FBlock(FBlockKind kind, int pushes)
{
    public FBlockKind Kind { get; } = kind;

    /// <summary>Stack items this block keeps while its body runs.</summary>
    public int Pushes { get; } = pushes;

    public Label? Continue { get; init; }

    public Label? Break { get; init; }

    public string? HandlerName { get; init; }

    public IReadOnlyList<Stmt>? FinallyBody { get; init; }

    public Label? FinallyLabel { get; init; }

    /// <summary>3.11+: the exception region open while the body runs (closed and reopened around unwinding code).</summary>
    public ExceptionRegion? Region { get; set; }

    /// <summary>2.7–3.7: a SETUP_* block the interpreter pops itself on BREAK_LOOP / CONTINUE_LOOP.</summary>
    public bool IsSetupBlock { get; init; }

    /// <summary>3.8+: the block's own leaving code (async with: its awaited exit), used by unwinding instead of its kind's; the flag says whether a returned value is on top.</summary>
    public Action<CodeGen, bool>? Unwind { get; init; }
}

/// <summary>Lowers one code object's statements with an era's strategies into a <see cref="Code"/> code list.</summary>
internal sealed partial class CodeGen
{
    public CodeGen(Era era, OpcodeTable table, Scope scope, Code code, string filename)
    {
        Era = era;
        Table = table;
        Scope = scope;
        Code = code;
        Filename = filename;
        foreach (var p in scope.Params)
        {
            Assigned.Add(p);
        }
    }

    public Era Era { get; }

    public OpcodeTable Table { get; }

    public Scope Scope { get; }

    public Code Code { get; }

    public string Filename { get; }

    public List<FBlock> FBlocks { get; } = [];

    /// <summary>3.11+: regions closed by unwinding, reopened after the exit instruction.</summary>
    public List<ExceptionRegion> Reopen { get; set; } = [];

    /// <summary>3.12+: the region of a generator's StopIteration guard while its body is lowered.</summary>
    public ExceptionRegion? GeneratorRegion { get; set; }

    /// <summary>Locals certainly bound here (3.12+ uses LOAD_FAST_CHECK for the others).</summary>
    public HashSet<string> Assigned { get; set; } = [];

    /// <summary>The statement's source line.</summary>
    public int CurrentLine { get; private set; }

    public int BaseDepth => FBlocks.Sum(b => b.Pushes);

    public PythonVersion Version => Era.Version;

    public void Op(string name, object? arg = null)
    {
        if (!Table.TryGetOpcode(name, out var op))
        {
            throw new PortableNotSupportedException(name, Version, "the opcode table has no such opcode");
        }

        Code.CodeList.Add(new Instr(op, arg));
    }

    public bool Has(string name) => Table.TryGetOpcode(name, out _);

    public void Mark(Label label) => Code.CodeList.Add(label);

    public void Add(CodeItem item) => Code.CodeList.Add(item);

    public NotSupportedStub NotOn(string construct) => new(construct, Version);

    public void Body(IReadOnlyList<Stmt> body)
    {
        foreach (var s in body)
        {
            Stmt(s);
            if (IsTerminal(s))
            {
                break;
            }
        }
    }

    public static bool IsTerminal(Stmt s) => s is ReturnStmt or RaiseStmt or BreakStmt or ContinueStmt;

    public static bool EndsTerminal(IReadOnlyList<Stmt> body) => body.Count > 0 && (IsTerminal(body[^1])
        || (body[^1] is IfStmt i && i.OrElse.Count > 0 && EndsTerminal(i.Body) && EndsTerminal(i.OrElse))
        || (body[^1] is MatchStmt m && MatchLowering.AlwaysExits(m)));

    public void Line(int? line)
    {
        if (line is int l)
        {
            CurrentLine = l;
            Code.CodeList.Add(new SetLineno(l));
        }
    }

    // ---- names ----
    public void LoadName(string name)
    {
        switch (Scope.Access(name))
        {
            case NameAccess.Fast:
                Op(Era.Constants.NeedsCheckedLoad && !Assigned.Contains(name) ? "LOAD_FAST_CHECK" : "LOAD_FAST", name);
                break;
            case NameAccess.Deref:
                if (Scope.Kind == ScopeKind.Class)
                {
                    Era.Functions.LoadClassDeref(this, name);
                }
                else
                {
                    Op("LOAD_DEREF", name);
                }

                break;
            case NameAccess.Global:
                Op("LOAD_GLOBAL", name);
                break;
            default:
                Op("LOAD_NAME", name);
                break;
        }
    }

    public void StoreName(string name)
    {
        switch (Scope.Access(name))
        {
            case NameAccess.Fast:
                Op("STORE_FAST", name);
                Assigned.Add(name);
                break;
            case NameAccess.Deref:
                Op("STORE_DEREF", name);
                break;
            case NameAccess.Global:
                Op("STORE_GLOBAL", name);
                break;
            default:
                Op("STORE_NAME", name);
                break;
        }
    }

    public void DeleteName(string name)
    {
        switch (Scope.Access(name))
        {
            case NameAccess.Fast:
                Op("DELETE_FAST", name);
                Assigned.Remove(name);
                break;
            case NameAccess.Deref:
                Op("DELETE_DEREF", name);
                break;
            case NameAccess.Global:
                Op("DELETE_GLOBAL", name);
                break;
            default:
                Op("DELETE_NAME", name);
                break;
        }
    }

    // ---- constants ----
    public static bool IsConstant(Expr e) => e is ConstExpr;

    public static PyObject ToPy(object? value) => value switch
    {
        null => PyNone.Instance,
        PyObject p => p,
        bool b => PyBool.Of(b),
        int i => new PyInt(i),
        long l => new PyInt(l),
        System.Numerics.BigInteger b => new PyInt(b),
        double d => new PyFloat(d),
        string s => new PyString(s),
        byte[] b => new PyBytes([.. b]),
        object[] t => new PyTuple(t.Select(ToPy)),
        _ => throw new ArgumentException($"{value.GetType().Name} is not a Python constant"),
    };

    public void LoadConst(object? value) => Era.Constants.Load(this, ToPy(value));

    public void LoadConstObject(PyObject value) => Era.Constants.Load(this, value);

    public void ReturnNone() => Era.Constants.ReturnNone(this);
}

/// <summary>Builds a <see cref="PortableNotSupportedException"/> for a construct on the code generator's version.</summary>
internal readonly record struct NotSupportedStub(string Construct, PythonVersion Version)
{
    public PortableNotSupportedException Because(string? detail = null) => new(Construct, Version, detail);
}
