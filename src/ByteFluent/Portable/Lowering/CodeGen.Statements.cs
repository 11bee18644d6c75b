using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

internal sealed partial class CodeGen
{
    public void Stmt(Stmt s)
    {
        if (s.Position is { Line: int line } p)
        {
            CurrentLine = line;
            Code.CodeList.Add(Era.Positions.Marker(p));
        }
        else
        {
            Line(s.Line);
        }

        switch (s)
        {
            case ExprStmt e:
                Expr(e.Value);
                Op("POP_TOP");
                break;
            case AssignStmt a when TryUnpackWithoutTuple(a):
                break;
            case AssignStmt a:
                Expr(a.Value);
                for (var k = 0; k < a.Targets.Count; k++)
                {
                    if (k < a.Targets.Count - 1)
                    {
                        Era.Operators.DupTop(this);
                    }

                    Store(a.Targets[k]);
                }

                break;
            case AugAssignStmt a:
                AugAssign(a);
                break;
            case DeleteStmt d:
                Delete(d.Target);
                break;
            case IfStmt i:
                If(i);
                break;
            case WhileStmt w:
                Era.Loops.While(this, w);
                break;
            case ForStmt f:
                if (f.IsAsync)
                {
                    Era.Async.For(this, f);
                    break;
                }

                Era.Loops.For(this, f with { Iter = Era.Idioms.Iterated(f.Iter) });
                break;
            case BreakStmt:
                Era.Loops.Break(this);
                break;
            case ContinueStmt:
                Era.Loops.Continue(this);
                break;
            case PassStmt:
                break;
            case ReturnStmt r:
                Return(r);
                break;
            case RaiseStmt r:
                Raise(r);
                break;
            case TryStmt t:
                Era.Try.Try(this, t);
                break;
            case WithStmt w:
                if (w.IsAsync)
                {
                    Era.Async.With(this, w);
                    break;
                }

                Era.Try.With(this, w);
                break;
            case AssertStmt a:
                Assert(a);
                break;
            case ImportStmt i:
                Import(i);
                break;
            case ImportFromStmt i:
                ImportFrom(i);
                break;
            case GlobalStmt or NonlocalStmt:
                if (s is NonlocalStmt && Version.Major == 2)
                {
                    throw NotOn("nonlocal").Because();
                }

                break;
            case FunctionDefStmt f:
                if (f.Definition.IsAsync && Version.Major == 2)
                {
                    throw NotOn("async def").Because();
                }

                Era.Functions.MakeFunction(this, f.Definition, f.Definition);
                StoreName(f.Definition.Name);
                break;
            case ClassDefStmt c:
                Era.Functions.Class(this, c.Definition);
                StoreName(c.Definition.Name);
                break;
            case MatchStmt m:
                Era.Match.Match(this, m);
                break;
            case RawStmt r:
                foreach (var item in r.Items(Table))
                {
                    Add(item);
                }

                break;
            default:
                throw new PortableNotSupportedException($"the statement {s.GetType().Name}");
        }
    }

    private void If(IfStmt i)
    {
        var truth = ConstantTruth(i.Test);
        if (truth is bool t)
        {
            Body(t ? i.Body : i.OrElse);
            return;
        }

        var end = new Label();
        var orElse = i.OrElse.Count > 0 ? new Label() : end;
        Condition(i.Test, false, orElse);
        var before = new HashSet<string>(Assigned);
        Body(i.Body);
        var afterThen = Assigned;
        var exit = i.Body.FirstOrDefault(IsTerminal) ?? i.Body.LastOrDefault();
        if (Era.Idioms.IfBodyAlwaysJumps && exit is not ReturnStmt && (i.OrElse.Count == 0 || EndsTerminal(i.Body)))
        {
            Era.Jumps.Jump(this, end);   // 2.7 emits it after any body; only one right after RETURN_VALUE is removed
        }

        if (i.OrElse.Count > 0)
        {
            if (!EndsTerminal(i.Body))
            {
                Era.Jumps.Jump(this, end);
                LayoutHints.MarkNoLine((Instr)Code.CodeList[^1]);   // CPython's jump over the else has no line (3.10+ threads it)
            }

            Mark(orElse);
            Assigned = new HashSet<string>(before);
            Body(i.OrElse);
            if (EndsTerminal(i.Body))
            {
                afterThen = Assigned;
            }
            else if (!EndsTerminal(i.OrElse))
            {
                afterThen.IntersectWith(Assigned);
            }
        }
        else
        {
            afterThen = before;
        }

        Assigned = afterThen;
        Mark(end);
    }

    private void AugAssign(AugAssignStmt a)
    {
        switch (a.Target)
        {
            case NameExpr n:
                LoadName(n.Name);
                Expr(a.Value);
                Era.Operators.Binary(this, a.Op, inPlace: true);
                StoreName(n.Name);
                break;
            case AttrExpr at:
                Expr(at.Target);
                Era.Operators.DupTop(this);
                Op("LOAD_ATTR", at.Name);
                Expr(a.Value);
                Era.Operators.Binary(this, a.Op, inPlace: true);
                Era.Operators.RotTwo(this);
                Op("STORE_ATTR", at.Name);
                break;
            case SubscriptExpr s:
                Expr(s.Target);
                Expr(s.Index);
                Era.Operators.DupTopTwo(this);
                Era.Operators.SubscriptOnStack(this);
                Expr(a.Value);
                Era.Operators.Binary(this, a.Op, inPlace: true);
                Era.Operators.RotThree(this);
                Op("STORE_SUBSCR");
                break;
            default:
                throw new PortableNotSupportedException($"augmented assignment to {a.Target.GetType().Name}");
        }
    }

    private void Return(ReturnStmt r)
    {
        if (Scope.Kind != ScopeKind.Function)
        {
            throw new PortableNotSupportedException("return outside a function");
        }

        var preserve = r.Value is not null && r.Value is not ConstExpr;
        if (r.Value is not null && preserve)
        {
            Expr(r.Value);
        }

        Era.Try.UnwindAll(this, preserve);
        if (r.Value is null || !preserve)
        {
            Era.Constants.ReturnConst(this, ToPy((r.Value as ConstExpr)?.Value));
        }
        else
        {
            Op("RETURN_VALUE");
        }

        Era.Try.AfterExit(this);
    }

    private void Raise(RaiseStmt r)
    {
        if (r.Exception is null)
        {
            Op("RAISE_VARARGS", 0);
            return;
        }

        Expr(r.Exception);
        if (r.Cause is not null)
        {
            if (Version.Major == 2)
            {
                throw NotOn("raise … from").Because();
            }

            Expr(r.Cause);
            Op("RAISE_VARARGS", 2);
        }
        else
        {
            Op("RAISE_VARARGS", 1);
        }
    }

    private void Assert(AssertStmt a)
    {
        var end = new Label();
        Condition(a.Test, true, end);
        Era.Calls.LoadAssertionError(this);
        if (a.Message is not null)
        {
            Expr(a.Message);
            Era.Calls.CallStacked(this, 1);
            Op("RAISE_VARARGS", 1);
        }
        else
        {
            Op("RAISE_VARARGS", 1);
        }

        Mark(end);
    }

    private void Import(ImportStmt i)
    {
        LoadConst(Version.Major == 2 ? -1 : 0);
        LoadConst(null);
        Op("IMPORT_NAME", i.Module);
        var parts = i.Module.Split('.');
        if (i.Alias is null)
        {
            StoreName(parts[0]);
            return;
        }

        if (parts.Length > 1)
        {
            for (var k = 1; k < parts.Length; k++)
            {
                if (Era.AtLeast(7))
                {
                    Op("IMPORT_FROM", parts[k]);
                    if (k < parts.Length - 1)
                    {
                        Era.Operators.RotTwo(this);
                        Op("POP_TOP");
                    }
                }
                else
                {
                    Op("LOAD_ATTR", parts[k]);
                }
            }

            if (Era.AtLeast(7))
            {
                StoreName(i.Alias);
                Op("POP_TOP");
                return;
            }
        }

        StoreName(i.Alias);
    }

    private void ImportFrom(ImportFromStmt i)
    {
        LoadConst(i.Level == 0 && Version.Major == 2 ? -1 : i.Level);
        LoadConst(i.Names.Select(n => (object?)n.Name).ToArray());
        Op("IMPORT_NAME", i.Module);
        if (i.Names is [("*", _)])
        {
            if (Scope.IsFunction)
            {
                throw new PortableNotSupportedException("from … import * inside a function", Version, "Python allows it only at module or class level");
            }

            Era.Operators.ImportStar(this);
            return;
        }

        foreach (var (name, alias) in i.Names)
        {
            Op("IMPORT_FROM", name);
            StoreName(alias ?? name);
        }

        Op("POP_TOP");
    }
}
