using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>Code objects, functions, classes, closures, generators and comprehensions of 2.7: MAKE_FUNCTION / MAKE_CLOSURE n, BUILD_CLASS.</summary>
internal class FunctionLowering27
{
    public const int CoNested = 0x10;

    // ---- code objects ----
    public Code NewCode(CodeGen parent, Scope scope, string name, int firstLine, FunctionDef? def)
    {
        var code = new Code(parent.Table)
        {
            Name = new PyString(name),
            QualName = parent.Era.AtLeast(11) ? new PyString(scope.QualName) : null,
            Filename = new PyString(parent.Filename),
            FirstLineNo = firstLine,
        };
        Layout(parent.Era, code, scope, def);
        return code;
    }

    public static void Layout(Era era, Code code, Scope scope, FunctionDef? def)
    {
        if (scope.Kind == ScopeKind.Function)
        {
            code.Flags = Code.CoOptimized | Code.CoNewLocals | (scope.Parent?.Kind == ScopeKind.Function ? CoNested : 0);
            if (scope.IsGenerator && scope.IsCoroutine)
            {
                code.Flags |= Code.CoAsyncGenerator;
            }
            else if (scope.IsGenerator)
            {
                code.Flags |= Code.CoGenerator;
            }
            else if (scope.IsCoroutine)
            {
                code.Flags |= Code.CoCoroutine;
            }

            code.ArgCount = def?.Args.Count ?? scope.Params.Count;
            code.KwOnlyArgCount = def?.KwOnlyArgs.Count ?? 0;
            code.VarArgs = def?.VarArgs is not null;
            code.VarKwargs = def?.VarKeywords is not null;
            if (!era.AtLeast(14))
            {
                code.Consts.Add(PyNone.Instance);   // no docstring: co_consts[0] is None
            }
        }
        else if (scope.Kind == ScopeKind.Class && era.Version.Major == 2)
        {
            code.Flags = Code.CoNewLocals;
        }

        if (code.Dialect.UsesLocalsPlus)
        {
            foreach (var l in scope.IsFunction ? scope.LocalSlots() : [])
            {
                code.LocalsPlus.Add((new PyString(l), (byte)(LocalKinds.Local | (scope.Cells.Contains(l) ? LocalKinds.Cell : 0))));
            }

            foreach (var c in scope.Cells.Where(c => !scope.IsFunction || !scope.Params.Contains(c)))
            {
                code.LocalsPlus.Add((new PyString(c), LocalKinds.Cell));
            }

            foreach (var f in scope.Frees)
            {
                code.LocalsPlus.Add((new PyString(f), LocalKinds.Free));
            }
        }
        else
        {
            if (scope.IsFunction)
            {
                code.VarNames.AddRange(scope.LocalSlots().Select(l => new PyString(l)));
            }

            code.CellVars.AddRange(scope.Cells.Select(c => new PyString(c)));
            code.FreeVars.AddRange(scope.Frees.Select(f => new PyString(f)));
        }
    }

    /// <summary>What starts a code object: nothing before 3.10, GEN_START on 3.10, MAKE_CELL / COPY_FREE_VARS / RETURN_GENERATOR / RESUME from 3.11.</summary>
    public virtual void Prologue(CodeGen g)
    {
    }

    public virtual void LoadClassDeref(CodeGen g, string name) => g.Op("LOAD_DEREF", name);

    public virtual void Yield(CodeGen g) => g.Op("YIELD_VALUE");

    public virtual void YieldFrom(CodeGen g, int resume) => g.Op("YIELD_FROM");

    public virtual void GetAwaitable(CodeGen g) => g.Op("GET_AWAITABLE");

    public virtual void YieldFromIter(CodeGen g) => g.Op("GET_YIELD_FROM_ITER");

    /// <summary>3.15: the comprehension's code calls GET_ITER on its argument itself.</summary>
    protected virtual bool IterInCallee => false;

    public virtual int EnterWith(CodeGen g) => throw new InvalidOperationException("3.11+ only");

    public virtual void CallExit(CodeGen g) => throw new InvalidOperationException("3.11+ only");

    public virtual void LoadClosure(CodeGen g, string name) => g.Op("LOAD_CLOSURE", name);

    public CodeGen Child(CodeGen parent, Scope scope, Code code) => new(parent.Era, parent.Table, scope, code, parent.Filename);

    // ---- functions ----
    public void MakeFunction(CodeGen g, FunctionDef def, object key)
    {
        var scope = g.Scope.Children[key];
        var line = g.CurrentLine;
        foreach (var d in def.DecoratorList)
        {
            g.Expr(d);
        }

        var flags = Attributes(g, def);
        var code = NewCode(g, scope, def.Name, line, def);
        var inner = Child(g, scope, code);
        Prologue(inner);
        g.Era.GeneratorGuard.Begin(inner);
        inner.Body(def.Body);
        if (!CodeGen.EndsTerminal(def.Body))
        {
            inner.ImplicitReturn();
        }

        g.Era.GeneratorGuard.End(inner);

        Create(g, code, scope, flags);
        foreach (var _ in def.DecoratorList)
        {
            g.Era.Calls.CallStacked(g, 1);
        }
    }

    /// <summary>Pushes defaults, keyword-only defaults and annotations; returns MAKE_FUNCTION's flags (2.7: the default count).</summary>
    protected virtual int Attributes(CodeGen g, FunctionDef def)
    {
        if (def.KwOnlyArgs.Count > 0)
        {
            throw g.NotOn("keyword-only parameters").Because();
        }

        if (def.Returns is not null || def.Args.Any(a => a.Annotation is not null))
        {
            throw g.NotOn("annotations").Because();
        }

        var defaults = def.Args.Where(a => a.Default is not null).ToList();
        foreach (var d in defaults)
        {
            g.Expr(d.Default!);
        }

        return defaults.Count;
    }

    /// <summary>Closure tuple, code and MAKE_FUNCTION (or MAKE_CLOSURE).</summary>
    protected virtual void Create(CodeGen g, Code code, Scope scope, int flags)
    {
        if (scope.Frees.Count > 0)
        {
            Closure(g, scope);
            g.Op("LOAD_CONST", code);
            g.Op("MAKE_CLOSURE", flags);
        }
        else
        {
            g.Op("LOAD_CONST", code);
            g.Op("MAKE_FUNCTION", flags);
        }
    }

    protected void Closure(CodeGen g, Scope scope)
    {
        foreach (var f in scope.Frees)
        {
            LoadClosure(g, f);
        }

        g.Op("BUILD_TUPLE", scope.Frees.Count);
    }

    // ---- classes ----
    public virtual void Class(CodeGen g, ClassDef def)
    {
        var scope = g.Scope.Children[def];
        var line = g.CurrentLine;
        foreach (var d in def.DecoratorList)
        {
            g.Expr(d);
        }

        if (def.Keywords is { Count: > 0 })
        {
            throw g.NotOn("class keyword arguments").Because("Python 2 sets the metaclass with __metaclass__ in the class body");
        }

        g.LoadConst(def.Name);
        foreach (var b in def.Bases)
        {
            g.Expr(b);
        }

        g.Op("BUILD_TUPLE", def.Bases.Count);
        var code = NewCode(g, scope, def.Name, line, null);
        var inner = Child(g, scope, code);
        inner.LoadName("__name__");
        inner.StoreName("__module__");
        inner.Body(def.Body);
        inner.Op("LOAD_LOCALS");
        inner.Op("RETURN_VALUE");
        Create(g, code, scope, 0);
        g.Op("CALL_FUNCTION", 0);
        g.Op("BUILD_CLASS");
        foreach (var _ in def.DecoratorList)
        {
            g.Era.Calls.CallStacked(g, 1);
        }
    }

    // ---- comprehensions ----
    public void Comprehension(CodeGen g, ComprehensionExpr c)
    {
        var scope = g.Scope.Children[c];
        var code = NewCode(g, scope, scope.Name, g.CurrentLine, null);
        code.ArgCount = 1;
        var inner = Child(g, scope, code);
        if (IterInCallee && c.Kind == ComprehensionKind.Generator)
        {
            inner.Op("RESUME", 0);
            inner.Op("LOAD_FAST", ".0");
            inner.Op("GET_ITER");
            inner.Op("RETURN_GENERATOR");
            inner.Op("POP_TOP");
            inner.Op("RESUME", 0);
        }
        else
        {
            Prologue(inner);
        }

        g.Era.GeneratorGuard.Begin(inner);
        if (c.Kind != ComprehensionKind.Generator)
        {
            inner.Op(c.Kind switch
            {
                ComprehensionKind.List => "BUILD_LIST",
                ComprehensionKind.Set => "BUILD_SET",
                _ => "BUILD_MAP",
            }, 0);
        }

        ComprehensionLevel(inner, c, 0);
        if (c.Kind == ComprehensionKind.Generator)
        {
            inner.ReturnNone();
        }
        else
        {
            inner.Op("RETURN_VALUE");
        }

        g.Era.GeneratorGuard.End(inner);

        Create(g, code, scope, 0);
        // 3.15: GET_ITER is not next to the display (it is in the callee), so the display is kept.
        g.Expr(IterInCallee ? c.Clauses[0].Iter : g.Era.Idioms.Iterated(c.Clauses[0].Iter));
        if (!IterInCallee)
        {
            g.Op("GET_ITER");
        }

        g.Era.Calls.CallStacked(g, 1);
    }

    private void ComprehensionLevel(CodeGen g, ComprehensionExpr c, int level)
    {
        var clause = c.Clauses[level];
        if (level == 0)
        {
            if (!IterInCallee || c.Kind != ComprehensionKind.Generator)
            {
                g.Op("LOAD_FAST", ".0");
                if (IterInCallee)
                {
                    g.Op("GET_ITER");
                }
            }
        }
        else
        {
            g.Expr(g.Era.Idioms.Iterated(clause.Iter));
            g.Op("GET_ITER");
        }

        var top = new Label();
        var exit = new Label();
        var next = new Label();
        g.Mark(top);
        g.Op("FOR_ITER", exit);
        g.Store(clause.Target);
        var needsNext = false;
        foreach (var cond in clause.Conditions)
        {
            if (cond is BoolExpr or UnaryExpr { Op: UnaryOperator.Not })
            {
                g.Condition(cond, false, next);
                needsNext = true;
            }
            else if (cond is CompareExpr { Rest.Count: 1 } written && g.Era.Idioms.Membership(written) is var cmp)
            {
                g.Expr(cmp.Left);
                g.Expr(cmp.Rest[0].Right);
                g.Era.Operators.Compare(g, cmp.Rest[0].Op, toBool: true);
                g.Era.Jumps.JumpIfBackward(g, false, top, isBool: true);
            }
            else
            {
                g.Expr(cond);
                g.Era.Jumps.JumpIfBackward(g, false, top, isBool: false);
            }
        }

        if (level + 1 < c.Clauses.Count)
        {
            ComprehensionLevel(g, c, level + 1);
        }
        else
        {
            var depth = (c.Clauses.Count * g.Era.Loops.IteratorSlots) + 1;
            switch (c.Kind)
            {
                case ComprehensionKind.List:
                    g.Expr(c.Element);
                    g.Op("LIST_APPEND", depth);
                    break;
                case ComprehensionKind.Set:
                    g.Expr(c.Element);
                    g.Op("SET_ADD", depth);
                    break;
                case ComprehensionKind.Dict:
                    if (g.Era.AtLeast(8))
                    {
                        g.Expr(c.Element);
                        g.Expr(c.Value!);
                    }
                    else
                    {
                        g.Expr(c.Value!);
                        g.Expr(c.Element);
                    }

                    g.Op("MAP_ADD", depth);
                    break;
                default:
                    g.Expr(c.Element);
                    Yield(g);
                    g.Op("POP_TOP");
                    break;
            }
        }

        if (needsNext)
        {
            g.Mark(next);
        }

        g.Era.Jumps.JumpBackward(g, top);
        g.Mark(exit);
        EndComprehensionLoop(g);
    }

    protected virtual void EndComprehensionLoop(CodeGen g) => g.Era.Loops.EndForPublic(g);
}

/// <summary>3.6–3.10: MAKE_FUNCTION flags with the qualified name, keyword-only defaults, annotations, __build_class__, GEN_START on 3.10.</summary>
internal class FunctionLowering36 : FunctionLowering27
{
    public override void Prologue(CodeGen g)
    {
        if (g.Era.Version.Minor == 10 && (g.Code.Flags & (Code.CoGenerator | Code.CoCoroutine | Code.CoAsyncGenerator)) != 0)
        {
            g.Op("GEN_START", (g.Code.Flags & Code.CoGenerator) != 0 ? 0 : (g.Code.Flags & Code.CoCoroutine) != 0 ? 1 : 2);
        }
    }

    public override void LoadClassDeref(CodeGen g, string name) => g.Op("LOAD_CLASSDEREF", name);

    protected override int Attributes(CodeGen g, FunctionDef def)
    {
        var flags = 0;
        var defaults = def.Args.Where(a => a.Default is not null).Select(a => a.Default!).ToArray();
        if (defaults.Length > 0)
        {
            g.Expr(new CollectionExpr(CollectionKind.Tuple, defaults));
            flags |= 1;
        }

        var kw = def.KwOnlyArgs.Where(a => a.Default is not null).ToList();
        if (kw.Count > 0)
        {
            foreach (var k in kw)
            {
                g.LoadConst(k.Name);
                g.Expr(k.Default!);
            }

            g.Op("BUILD_MAP", kw.Count);
            flags |= 2;
        }

        var annotated = def.Args.Concat(def.KwOnlyArgs).Where(a => a.Annotation is not null).Select(a => (a.Name, Value: a.Annotation!)).ToList();
        if (def.Returns is not null)
        {
            annotated.Add(("return", def.Returns));
        }

        if (annotated.Count > 0)
        {
            flags |= Annotations(g, def, annotated);
        }

        return flags;
    }

    /// <summary>Pushes the annotations; returns the MAKE_FUNCTION flag that takes them.</summary>
    protected virtual int Annotations(CodeGen g, FunctionDef def, List<(string Name, Expr Value)> annotated)
    {
        if (g.Era.AtLeast(10))
        {
            foreach (var (n, v) in annotated)
            {
                g.LoadConst(n);
                g.Expr(v);
            }

            g.Op("BUILD_TUPLE", annotated.Count * 2);
            return 4;
        }

        foreach (var (_, v) in annotated)
        {
            g.Expr(v);
        }

        g.LoadConst(annotated.Select(a => (object?)a.Name).ToArray());
        g.Op("BUILD_CONST_KEY_MAP", annotated.Count);
        return 4;
    }

    protected override void Create(CodeGen g, Code code, Scope scope, int flags)
    {
        if (scope.Frees.Count > 0)
        {
            Closure(g, scope);
            flags |= 8;
        }

        g.Op("LOAD_CONST", code);
        MakeFunctionOp(g, scope, flags);
    }

    protected virtual void MakeFunctionOp(CodeGen g, Scope scope, int flags)
    {
        g.LoadConst(scope.QualName);
        g.Op("MAKE_FUNCTION", flags);
    }

    public override void Class(CodeGen g, ClassDef def)
    {
        var scope = g.Scope.Children[def];
        var line = g.CurrentLine;
        foreach (var d in def.DecoratorList)
        {
            g.Expr(d);
        }

        g.Era.Calls.BeforeBuildClass(g);
        PrepareClassScope(scope, def);
        var code = NewCode(g, scope, def.Name, line, null);
        var inner = Child(g, scope, code);
        Prologue(inner);
        inner.LoadName("__name__");
        inner.StoreName("__module__");
        inner.LoadConst(scope.QualName);
        inner.StoreName("__qualname__");
        ClassPrologue(inner, line);
        inner.Body(def.Body);
        ClassEpilogue(inner);
        if (ClassCell.Needed(scope))
        {
            // The class cell goes to type.__new__ through __classcell__ and is also the body's value.
            LoadClosure(inner, ClassCell.Name);
            inner.Era.Operators.DupTop(inner);
            inner.StoreName("__classcell__");
            inner.Op("RETURN_VALUE");
        }
        else
        {
            inner.ImplicitReturn();
        }

        Create(g, code, scope, 0);
        g.LoadConst(def.Name);
        foreach (var b in def.Bases)
        {
            g.Expr(b);
        }

        var kwNames = new List<object?>();
        foreach (var (name, value) in def.Keywords ?? [])
        {
            g.Expr(value);
            kwNames.Add(name);
        }

        g.Era.Calls.CallBuildClass(g, 2 + def.Bases.Count + kwNames.Count, kwNames);
        foreach (var _ in def.DecoratorList)
        {
            g.Era.Calls.CallStacked(g, 1);
        }
    }

    protected virtual void ClassPrologue(CodeGen g, int line)
    {
    }

    /// <summary>Adds the era's implicit class-body cells before the code object is laid out.</summary>
    protected virtual void PrepareClassScope(Scope scope, ClassDef def)
    {
    }

    protected virtual void ClassEpilogue(CodeGen g)
    {
    }
}

/// <summary>3.11–3.12: no qualified name on the stack; MAKE_CELL / COPY_FREE_VARS / RETURN_GENERATOR / RESUME; SEND loops; BEFORE_WITH.</summary>
internal class FunctionLowering311 : FunctionLowering36
{
    public override void Prologue(CodeGen g)
    {
        foreach (var (name, kind) in g.Code.LocalsPlus)
        {
            if ((kind & LocalKinds.Cell) != 0)
            {
                g.Op("MAKE_CELL", name.Value);
            }
        }

        var frees = g.Code.LocalsPlus.Count(l => (l.Kind & LocalKinds.Free) != 0);
        if (frees > 0)
        {
            g.Op("COPY_FREE_VARS", frees);
        }

        if ((g.Code.Flags & (Code.CoGenerator | Code.CoCoroutine | Code.CoAsyncGenerator)) != 0)
        {
            g.Op("RETURN_GENERATOR");
            g.Op("POP_TOP");
        }

        g.Op("RESUME", 0);
    }

    public override void LoadClassDeref(CodeGen g, string name)
    {
        if (g.Has("LOAD_CLASSDEREF"))
        {
            g.Op("LOAD_CLASSDEREF", name);
            return;
        }

        g.Op("LOAD_LOCALS");
        g.Op("LOAD_FROM_DICT_OR_DEREF", name);
    }

    private void YieldValue(CodeGen g, int arg)
    {
        if (g.Table["YIELD_VALUE"].HasArg)
        {
            g.Op("YIELD_VALUE", arg);
        }
        else
        {
            g.Op("YIELD_VALUE");
        }
    }

    public override void Yield(CodeGen g)
    {
        YieldValue(g, 0);
        g.Op("RESUME", 1);
    }

    public override void YieldFrom(CodeGen g, int resume)
    {
        var top = new Label();
        var exit = new Label();
        g.Mark(top);
        g.Op("SEND", exit);
        YieldValue(g, g.Era.AtLeast(13) ? 1 : 0);
        g.Op("RESUME", resume);
        g.Op("JUMP_BACKWARD_NO_INTERRUPT", top);
        g.Mark(exit);
        if (g.Has("END_SEND"))
        {
            g.Op("END_SEND");
        }
    }

    public override void GetAwaitable(CodeGen g) => g.Op("GET_AWAITABLE", 0);

    public override int EnterWith(CodeGen g)
    {
        g.Op("BEFORE_WITH");
        return 1;
    }

    public override void CallExit(CodeGen g)
    {
        g.LoadConst(null);
        g.LoadConst(null);
        g.LoadConst(null);
        g.Era.Calls.CallStacked(g, 3);
        g.Op("POP_TOP");
    }

    protected override void MakeFunctionOp(CodeGen g, Scope scope, int flags) => g.Op("MAKE_FUNCTION", flags);
}

/// <summary>3.13: MAKE_FUNCTION then one SET_FUNCTION_ATTRIBUTE per attribute, LOAD_FAST for closure cells, __firstlineno__ / __static_attributes__.</summary>
internal class FunctionLowering313 : FunctionLowering311
{
    public override void LoadClosure(CodeGen g, string name) => g.Op("LOAD_FAST", name);

    protected override void MakeFunctionOp(CodeGen g, Scope scope, int flags)
    {
        g.Op("MAKE_FUNCTION");
        foreach (var bit in new[] { 8, 16, 4, 2, 1 })
        {
            if ((flags & bit) != 0)
            {
                g.Op("SET_FUNCTION_ATTRIBUTE", bit);
            }
        }
    }

    protected override int Annotations(CodeGen g, FunctionDef def, List<(string Name, Expr Value)> annotated)
    {
        if (!g.Era.AtLeast(14))
        {
            return base.Annotations(g, def, annotated);
        }

        // 3.14+ (PEP 649): an __annotate__(format) function builds the dict on demand.
        var scope = new Scope(ScopeKind.Function, "__annotate__", g.Scope) { QualName = g.Scope.Kind == ScopeKind.Module ? def.Name + ".__annotate__" : g.Scope.QualName + "." + def.Name + ".__annotate__" };
        scope.Params.Add("format");
        scope.Bind("format");
        var code = NewCode(g, scope, "__annotate__", g.CurrentLine, null);
        var inner = Child(g, scope, code);
        Prologue(inner);
        var ok = new Label();
        inner.Op("LOAD_FAST", "format");
        inner.LoadConst(2);
        inner.Era.Operators.Compare(inner, CompareOperator.Greater, toBool: true);
        inner.Era.Jumps.JumpIf(inner, false, ok, isBool: true);
        inner.Op("LOAD_COMMON_CONSTANT", 1);
        inner.Op("RAISE_VARARGS", 1);
        inner.Mark(ok);
        foreach (var (n, v) in annotated)
        {
            inner.LoadConst(n);
            inner.Expr(v);
        }

        inner.Op("BUILD_MAP", annotated.Count);
        inner.Op("RETURN_VALUE");
        g.Op("LOAD_CONST", code);
        g.Op("MAKE_FUNCTION");
        return 16;
    }

    protected override void ClassPrologue(CodeGen g, int line)
    {
        g.LoadConst(line);
        g.StoreName("__firstlineno__");
    }

    protected override void ClassEpilogue(CodeGen g)
    {
        g.LoadConst(Array.Empty<object>());
        g.StoreName("__static_attributes__");
    }
}

/// <summary>3.15: yield from takes GET_ITER's two-item iterator, await pads its awaitable with NULL, comprehensions call GET_ITER themselves.</summary>
internal sealed class FunctionLowering315 : FunctionLowering314
{
    protected override bool IterInCallee => true;

    public override void YieldFromIter(CodeGen g) => g.Op("GET_ITER");

    public override void GetAwaitable(CodeGen g)
    {
        g.Op("GET_AWAITABLE", 0);
        g.Op("PUSH_NULL");
    }
}

/// <summary>3.14+: with statements load __enter__ / __exit__ with LOAD_SPECIAL (two stack items each).</summary>
internal class FunctionLowering314 : FunctionLowering313
{
    protected override void PrepareClassScope(Scope scope, ClassDef def) => ClassDict.Prepare(scope, def);

    protected override void ClassPrologue(CodeGen g, int line)
    {
        base.ClassPrologue(g, line);
        if (ClassDict.Needed(g.Scope))
        {
            g.Op("LOAD_LOCALS");
            g.StoreName(ClassDict.Name);
        }
    }

    protected override void ClassEpilogue(CodeGen g)
    {
        base.ClassEpilogue(g);
        if (ClassDict.Needed(g.Scope))
        {
            LoadClosure(g, ClassDict.Name);
            g.StoreName("__classdictcell__");
        }
    }

    public override int EnterWith(CodeGen g)
    {
        g.Op("COPY", 1);
        g.Op("LOAD_SPECIAL", 1);
        g.Op("SWAP", 2);
        g.Op("SWAP", 3);
        g.Op("LOAD_SPECIAL", 0);
        g.Op("CALL", 0);
        return 2;
    }

    public override void CallExit(CodeGen g)
    {
        g.LoadConst(null);
        g.LoadConst(null);
        g.LoadConst(null);
        g.Op("CALL", 3);
        g.Op("POP_TOP");
    }
}
