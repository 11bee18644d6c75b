using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>Builds the scope tree of a module (pass 1: bindings and uses; pass 2: cells and frees, top-down).</summary>
internal static class ScopeAnalyzer
{
    /// <param name="body">The module body.</param>
    /// <param name="classCell">3.x: a function naming <c>super</c> gets the implicit <c>__class__</c> cell of its class.</param>
    public static Scope Analyze(IReadOnlyList<Stmt> body, bool classCell = false)
    {
        var module = new Scope(ScopeKind.Module, "<module>", null);
        foreach (var s in body)
        {
            Stmt(module, s);
        }

        if (classCell)
        {
            ClassCell.Add(module);
        }

        Resolve(module, classCell);
        return module;
    }

    private static void Resolve(Scope scope, bool classCell)
    {
        foreach (var child in scope.Children.Values)
        {
            foreach (var name in child.Used.Concat(child.Bound).Concat(child.DeclaredNonlocal).Distinct().ToList())
            {
                if ((child.IsFunction && child.IsLocal(name)) || child.DeclaredGlobal.Contains(name))
                {
                    continue;
                }

                if (child.Kind == ScopeKind.Class && child.Bound.Contains(name) && !child.DeclaredNonlocal.Contains(name))
                {
                    continue;
                }

                var owner = FindOwner(scope, name, classCell);
                if (owner is null)
                {
                    continue;
                }

                // owner binds it: a cell there, a free in every scope from child up to (not including) owner.
                if (!owner.Cells.Contains(name))
                {
                    owner.Cells.Add(name);
                }

                for (var s = child; s != owner; s = s.Parent!)
                {
                    if (!s.Frees.Contains(name))
                    {
                        s.Frees.Add(name);
                    }
                }
            }
        }

        foreach (var child in scope.Children.Values)
        {
            Resolve(child, classCell);
        }
    }

    private static Scope? FindOwner(Scope start, string name, bool classCell)
    {
        for (var s = start; s is not null; s = s.Parent)
        {
            if (s.Kind == ScopeKind.Module)
            {
                return null;
            }

            if (s.Kind == ScopeKind.Class)
            {
                if (classCell && name == ClassCell.Name)
                {
                    return s;
                }

                continue;
            }

            if (s.DeclaredGlobal.Contains(name))
            {
                return null;
            }

            if (s.IsLocal(name))
            {
                return s;
            }
        }

        return null;
    }

    private static Scope Root(Scope scope)
    {
        while (scope.Parent is { } parent)
        {
            scope = parent;
        }

        return scope;
    }

    private static void Body(Scope scope, IReadOnlyList<Stmt> body)
    {
        foreach (var s in body)
        {
            Stmt(scope, s);
        }
    }

    private static void Stmt(Scope scope, Stmt stmt)
    {
        // What each kind binds or declares beyond its parts; the parts themselves are walked below, the same for every kind.
        switch (stmt)
        {
            case TryStmt t:
                foreach (var h in t.Handlers.Where(h => h.Name is not null))
                {
                    scope.Bind(h.Name!);
                }

                break;
            case ForStmt { IsAsync: true }:
                // Only an async def is a coroutine; async with / async for elsewhere are rejected when lowered.
                scope.Used.Add("StopAsyncIteration");
                break;
            case AssertStmt:
                scope.Used.Add("AssertionError");
                break;
            case ImportStmt i:
                scope.Bind(i.Alias ?? i.Module.Split('.')[0]);
                break;
            case ImportFromStmt i:
                foreach (var (n, alias) in i.Names.Where(n => n.Name != "*"))
                {
                    scope.Bind(alias ?? n);
                }

                break;
            case GlobalStmt g:
                scope.DeclaredGlobal.UnionWith(g.Names);
                // As CPython's symtable: a global statement anywhere marks the name global in the module's own table
                // too, so the module body reaches it with LOAD_GLOBAL / STORE_GLOBAL instead of LOAD_NAME / STORE_NAME.
                Root(scope).DeclaredGlobal.UnionWith(g.Names);
                break;
            case NonlocalStmt n:
                scope.DeclaredNonlocal.UnionWith(n.Names);
                break;
            case FunctionDefStmt f:
                Function(scope, f.Definition, f.Definition);
                scope.Bind(f.Definition.Name);
                break;
            case ClassDefStmt c:
                Class(scope, c.Definition);
                scope.Bind(c.Definition.Name);
                break;
        }

        foreach (var e in SyntaxWalk.Values(stmt))
        {
            Expr(scope, e);
        }

        foreach (var t in SyntaxWalk.Targets(stmt))
        {
            Target(scope, t);
        }

        foreach (var body in SyntaxWalk.Bodies(stmt))
        {
            Body(scope, body);
        }
    }

    private static void Function(Scope scope, FunctionDef def, object key)
    {
        foreach (var p in def.Args.Concat(def.KwOnlyArgs))
        {
            Opt(scope, p.Default);
            Opt(scope, p.Annotation);
        }

        Opt(scope, def.Returns);
        foreach (var d in def.DecoratorList)
        {
            Expr(scope, d);
        }

        var child = new Scope(ScopeKind.Function, def.Name, scope) { IsCoroutine = def.IsAsync };
        child.QualName = QualName(scope, def.Name);
        foreach (var p in def.Args.Concat(def.KwOnlyArgs).Select(p => p.Name)
            .Concat(def.VarArgs is null ? [] : [def.VarArgs]).Concat(def.VarKeywords is null ? [] : [def.VarKeywords]))
        {
            child.Params.Add(p);
            child.Bind(p);
        }

        scope.Children[key] = child;
        Body(child, def.Body);
    }

    private static string QualName(Scope parent, string name) => parent.Kind switch
    {
        ScopeKind.Module => name,
        ScopeKind.Class => parent.QualName + "." + name,
        _ => parent.QualName + ".<locals>." + name,
    };

    private static void Class(Scope scope, ClassDef def)
    {
        foreach (var b in def.Bases)
        {
            Expr(scope, b);
        }

        foreach (var (_, v) in def.Keywords ?? [])
        {
            Expr(scope, v);
        }

        foreach (var d in def.DecoratorList)
        {
            Expr(scope, d);
        }

        var child = new Scope(ScopeKind.Class, def.Name, scope);
        child.QualName = QualName(scope, def.Name);
        scope.Children[def] = child;
        Body(child, def.Body);
    }

    private static void Target(Scope scope, Expr target)
    {
        switch (target)
        {
            case NameExpr n:
                scope.Bind(n.Name);
                break;
            case CollectionExpr c:
                foreach (var i in c.Items)
                {
                    Target(scope, i);
                }

                break;
            case StarredExpr s:
                Target(scope, s.Value);
                break;
            case AttrExpr a:
                Expr(scope, a.Target);
                break;
            case SubscriptExpr s:
                Expr(scope, s.Target);
                Expr(scope, s.Index);
                break;
        }
    }

    private static void Opt(Scope scope, Expr? e)
    {
        if (e is not null)
        {
            Expr(scope, e);
        }
    }

    private static void Expr(Scope scope, Expr e)
    {
        switch (e)
        {
            case NameExpr n:
                scope.Used.Add(n.Name);
                return;
            case LambdaExpr l:
                Function(scope, l.Definition, l);
                return;
            case ComprehensionExpr c:
                Comprehension(scope, c);
                return;
            case YieldExpr or YieldFromExpr:
                scope.IsGenerator = true;
                break;
        }

        foreach (var child in SyntaxWalk.Children(e))
        {
            Expr(scope, child);
        }
    }

    private static void Comprehension(Scope scope, ComprehensionExpr c)
    {
        Expr(scope, c.Clauses[0].Iter);
        var name = c.Kind switch
        {
            ComprehensionKind.List => "<listcomp>",
            ComprehensionKind.Set => "<setcomp>",
            ComprehensionKind.Dict => "<dictcomp>",
            _ => "<genexpr>",
        };
        var child = new Scope(ScopeKind.Function, name, scope) { IsGenerator = c.Kind == ComprehensionKind.Generator };
        child.QualName = QualName(scope, name);
        child.Params.Add(".0");
        child.Bind(".0");
        scope.Children[c] = child;
        for (var i = 0; i < c.Clauses.Count; i++)
        {
            if (i > 0)
            {
                Expr(child, c.Clauses[i].Iter);
            }

            Target(child, c.Clauses[i].Target);
            foreach (var cond in c.Clauses[i].Conditions)
            {
                Expr(child, cond);
            }
        }

        Expr(child, c.Element);
        Opt(child, c.Value);
    }
}
