using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Building;

/// <summary>
/// The runtime half of the generated per-version builders (<c>Python312.Builder</c>, ...): collects the code list,
/// hands out labels, tracks exception regions, and builds a <see cref="Code"/> that the shared assembler turns into
/// a code object. The generated subclass adds one typed method per real opcode of its version.
/// </summary>
/// <typeparam name="TBuilder">The generated builder type, returned by every fluent call.</typeparam>
public abstract class CodeBuilder<TBuilder>
    where TBuilder : CodeBuilder<TBuilder>
{
    private readonly int id = BuilderIds.Next();
    private readonly List<CodeItem> items = [];
    private readonly List<Label> labels = [];
    private readonly List<bool> marked = [];
    private readonly List<TryRegion> open = [];

    /// <summary>Starts an empty builder for one opcode table.</summary>
    /// <param name="table">The opcode table of the target version (the generated class's <c>Table</c>).</param>
    /// <param name="options">The code object's header.</param>
    protected CodeBuilder(OpcodeTable table, CodeBuilderOptions options)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The opcode table this builder emits for.</summary>
    public OpcodeTable Table { get; }

    /// <summary>The target version.</summary>
    public PythonVersion Version => Table.Version;

    /// <summary>The header of the code object being built.</summary>
    public CodeBuilderOptions Options { get; }

    /// <summary>The code list so far: instructions, labels, line marks and region markers.</summary>
    public IReadOnlyList<CodeItem> Items => items;

    private TBuilder Self => (TBuilder)this;

    /// <summary>This builder's id, unique in the process across every version's builders.</summary>
    internal int Id => id;

    /// <summary>How errors name this builder: version, id, kind and name.</summary>
    public override string ToString() =>
        $"CPython {Version} builder #{id.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({(Options.Kind == CodeBuilderKind.Function ? "function" : "module")} '{Options.Name}')";

    /// <summary>Creates a label to jump to; place it with <see cref="MarkLabel"/>.</summary>
    /// <param name="label">The new label, valid only for this builder.</param>
    /// <param name="name">An optional name for listings and errors.</param>
    public TBuilder DefineLabel(out BuilderLabel<TBuilder> label, string? name = null)
    {
        labels.Add(new Label(name));
        marked.Add(false);
        label = new BuilderLabel<TBuilder>(this, labels.Count - 1, name);
        return Self;
    }

    /// <summary>Places a label before the next instruction.</summary>
    /// <exception cref="BuilderLabelException">The label is invalid, belongs to another builder, or is already marked.</exception>
    public TBuilder MarkLabel(BuilderLabel<TBuilder> label)
    {
        var model = Resolve(label);
        if (marked[label.Index])
        {
            throw new BuilderLabelException($"label {label} is already marked in this builder");
        }

        marked[label.Index] = true;
        items.Add(model);
        return Self;
    }

    /// <summary>Sets the source line of the following instructions.</summary>
    public TBuilder Line(int line)
    {
        items.Add(new SetLineno(line));
        return Self;
    }

    /// <summary>Sets the full source position of the following instructions (columns are used from 3.11).</summary>
    public TBuilder Position(int line, int endLine, int column, int endColumn)
    {
        items.Add(new SetLineno(new SourceLocation(line, endLine, column, endColumn)));
        return Self;
    }

    /// <summary>
    /// Emits any opcode with a raw model argument (the version-neutral escape hatch: a constant, a name, a
    /// <see cref="Label"/>, a <see cref="Comparison"/>, a packed-argument record or an int).
    /// </summary>
    /// <exception cref="MissingOpcodeException">This builder's version has no opcode of that name.</exception>
    public TBuilder Emit(Opcode opcode, object? arg = null)
    {
        if (!ReferenceEquals(opcode.Table, Table) && !Table.TryGetOpcode(opcode.Name, out _))
        {
            throw new MissingOpcodeException(opcode.Name, Version);
        }

        items.Add(new Instr(opcode, arg));
        return Self;
    }

    /// <summary>Appends a code-list entry as it is (for code lists read from elsewhere).</summary>
    public TBuilder Append(CodeItem item)
    {
        items.Add(item ?? throw new ArgumentNullException(nameof(item)));
        return Self;
    }

    /// <summary>Emits an opcode whose argument is a constant.</summary>
    protected TBuilder EmitConst(Opcode opcode, Constant value) => Emit(opcode, value.Value);

    /// <summary>The tuple of names <c>KW_NAMES</c> loads.</summary>
    protected static Constant KeywordNames(string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var items = new Constant[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            items[i] = names[i] ?? throw new ArgumentException($"keyword name {i} is null", nameof(names));
        }

        return Constant.Tuple(items);
    }

    /// <summary>Two counts packed in one argument, the second in the byte above the first (2.7's calls, UNPACK_EX, ...).</summary>
    protected static int Packed(int low, int high, string lowName, string highName)
    {
        if (low is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(lowName, low, $"{lowName} must be 0..255 (it fills the argument's low byte)");
        }

        if (high is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(highName, high, $"{highName} must be 0..255 (it fills the argument's second byte)");
        }

        return low | (high << 8);
    }

    /// <summary>Emits a jump or handler-target opcode.</summary>
    protected TBuilder EmitJump(Opcode opcode, BuilderLabel<TBuilder> target) => Emit(opcode, Resolve(target));

    /// <summary>Emits a comparison, with the low bits the version's compiler writes.</summary>
    protected TBuilder EmitCompare(Opcode opcode, string symbol, bool toBool = false) =>
        Emit(opcode, ComparisonEncoding.For(Version, symbol, toBool));

    /// <summary>Opens an exception region (3.11+; the generated builders of those versions expose it).</summary>
    protected TBuilder BeginTryCore(BuilderLabel<TBuilder> handler, int depth, bool lasti, out TryRegion region)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        region = new TryRegion(id, new ExceptionRegion(Resolve(handler), depth, lasti));
        open.Add(region);
        items.Add(new TryBegin(region.Region));
        return Self;
    }

    /// <summary>Closes the innermost open exception region.</summary>
    /// <exception cref="ExceptionRegionException">The region is not this builder's innermost open one.</exception>
    protected TBuilder EndTryCore(TryRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Owner != id || region.IsClosed)
        {
            throw new ExceptionRegionException(region.IsClosed ? "the exception region is already closed" : "the exception region belongs to another builder");
        }

        if (!ReferenceEquals(open[^1], region))
        {
            throw new ExceptionRegionException("exception regions must be closed innermost first");
        }

        open.RemoveAt(open.Count - 1);
        region.IsClosed = true;
        items.Add(new TryEnd(region.Region));
        return Self;
    }

    /// <summary>Runs <paramref name="body"/> inside an exception region (3.11+).</summary>
    protected TBuilder TryCore(BuilderLabel<TBuilder> handler, int depth, bool lasti, Action<TBuilder> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        BeginTryCore(handler, depth, lasti, out var region);
        body(Self);
        return EndTryCore(region);
    }

    /// <summary>Builds the editable code object (the same <see cref="Code"/> that <c>Code.FromCode</c> gives).</summary>
    /// <exception cref="BuilderLabelException">A jump targets a label that was never marked.</exception>
    /// <exception cref="ExceptionRegionException">An exception region is still open.</exception>
    public Code Build()
    {
        if (open.Count > 0)
        {
            throw new ExceptionRegionException($"{open.Count} exception region(s) still open at Build()");
        }

        var placed = new HashSet<Label>(ReferenceEqualityComparer.Instance);
        foreach (var item in items)
        {
            if (item is Label l)
            {
                placed.Add(l);
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is Instr { Arg: Label target } ins && !placed.Contains(target))
            {
                throw new BuilderLabelException(labels.Contains(target)
                    ? $"{ins.Opcode.Name} (item {i}) jumps to label {target} that is never marked in {this}"
                    : $"{ins.Opcode.Name} (item {i}) jumps to a label that {this} neither defined nor placed (a label of another code list)");
            }
        }

        var o = Options;
        var code = new Code(Table)
        {
            Name = new PyString(o.Name),
            QualName = o.QualName is null ? null : new PyString(o.QualName),
            Filename = new PyString(o.Filename),
            FirstLineNo = o.FirstLineNo,
            ArgCount = o.Args.Count,
            PosOnlyArgCount = o.PosOnlyArgCount,
            KwOnlyArgCount = o.KwOnlyArgs.Count,
            Flags = o.ExtraFlags | (o.Kind == CodeBuilderKind.Function ? Code.CoOptimized | Code.CoNewLocals : 0),
        };
        code.VarArgs = o.VarArgs is not null;
        code.VarKwargs = o.VarKeywords is not null;
        var parameters = o.Args.Concat(o.KwOnlyArgs).ToList();
        if (o.VarArgs is not null)
        {
            parameters.Add(o.VarArgs);
        }

        if (o.VarKeywords is not null)
        {
            parameters.Add(o.VarKeywords);
        }

        if (code.Dialect.UsesLocalsPlus)
        {
            foreach (var p in parameters)
            {
                code.LocalsPlus.Add((new PyString(p), (byte)(LocalKinds.Local | (o.CellVars.Contains(p) ? LocalKinds.Cell : 0))));
            }

            foreach (var c in o.CellVars.Where(c => !parameters.Contains(c)))
            {
                code.LocalsPlus.Add((new PyString(c), LocalKinds.Cell));
            }

            foreach (var f in o.FreeVars)
            {
                code.LocalsPlus.Add((new PyString(f), LocalKinds.Free));
            }
        }
        else
        {
            code.VarNames.AddRange(parameters.Select(p => new PyString(p)));
            code.CellVars.AddRange(o.CellVars.Select(c => new PyString(c)));
            code.FreeVars.AddRange(o.FreeVars.Select(f => new PyString(f)));
        }

        if (o.CellPrologue && code.Dialect.UsesLocalsPlus)
        {
            AddCellPrologue(code, parameters);
        }

        code.CodeList.AddRange(items);
        return code;
    }

    /// <summary>Builds and assembles the real code object.</summary>
    public PyCode ToCode() => Build().ToCode();

    /// <summary>
    /// Builds, assembles and wraps the code object in a <c>.pyc</c> with this version's header; a custom table (a build
    /// with its own magic number) writes its own magic, which <c>PycFile.Load(path, table)</c> reads back.
    /// </summary>
    public PycFile ToPyc()
    {
        var pyc = PycFile.Create(ToCode(), Version);
        return OpcodeTables.TryGetForVersion(Version, out var builtIn) && ReferenceEquals(builtIn, Table)
            ? pyc
            : pyc with { Header = pyc.Header with { Magic = (ushort)Table.Magic } };
    }

    /// <summary>Writes the <c>.pyc</c> to <paramref name="path"/>.</summary>
    public void SavePyc(string path) => ToPyc().Save(path);

    /// <summary>
    /// Code objects with fast locals, cells and frees in one array (3.11+) must copy their free variables in and make
    /// their cells before anything else runs; CPython's compiler emits that prologue itself, and so does the builder
    /// unless the instructions already contain it.
    /// </summary>
    private void AddCellPrologue(Code code, List<string> parameters)
    {
        if (items.Any(i => i is Instr { Opcode.Name: "MAKE_CELL" or "COPY_FREE_VARS" }))
        {
            return;
        }

        if (Options.FreeVars.Count > 0 && Table.TryGetOpcode("COPY_FREE_VARS", out var copy))
        {
            code.CodeList.Add(new Instr(copy, Options.FreeVars.Count));
        }

        if (Table.TryGetOpcode("MAKE_CELL", out var make))
        {
            foreach (var cell in Options.CellVars)
            {
                code.CodeList.Add(new Instr(make, cell));
            }
        }
    }

    private Label Resolve(BuilderLabel<TBuilder> label)
    {
        if (label.OwnerBuilder is not { } owner)
        {
            throw new BuilderLabelException("default(BuilderLabel) is not a label; get one from DefineLabel");
        }

        if (!ReferenceEquals(owner, this))
        {
            throw new BuilderLabelException($"label {label} belongs to {owner}, not to {this}; define it with this builder's DefineLabel");
        }

        return labels[label.Index];
    }
}
