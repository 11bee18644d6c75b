using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

internal sealed partial class CodeGen
{
    public void Expr(Expr e)
    {
        switch (e)
        {
            case ConstExpr c:
                LoadConst(c.Value);
                break;
            case NameExpr n:
                LoadName(n.Name);
                break;
            case AttrExpr a when Era.Supers.TryAttr(this, a):
                break;
            case AttrExpr a:
                Expr(a.Target);
                Op("LOAD_ATTR", a.Name);
                break;
            case SubscriptExpr s:
                Era.Operators.Subscript(this, s);
                break;
            case SliceExpr s:
                BuildSlice(s);
                break;
            case UnaryExpr or BinaryExpr when IsFoldedConstant(e, out var folded):
                LoadConst(folded);
                break;
            case BinaryExpr b:
                Expr(b.Left);
                Expr(b.Right);
                Era.Operators.Binary(this, b.Op, inPlace: false);
                break;
            case UnaryExpr u:
                Expr(u.Operand);
                Era.Operators.Unary(this, u.Op);
                break;
            case CompareExpr c when !ReferenceEquals(Era.Idioms.Membership(c), c):
                Expr(Era.Idioms.Membership(c));
                break;
            case CompareExpr c when c.Rest.Count == 1:
                Expr(c.Left);
                Expr(c.Rest[0].Right);
                Era.Operators.Compare(this, c.Rest[0].Op, toBool: false);
                break;
            case CompareExpr c:
                Era.Operators.ChainedCompare(this, c);
                break;
            case BoolExpr b:
                if (Era.Idioms.SimplifyBool(b) is BoolExpr kept)
                {
                    Era.Jumps.ShortCircuit(this, kept);
                }
                else
                {
                    Expr(Era.Idioms.SimplifyBool(b));
                }

                break;
            case IfExpr i:
                {
                    var orElse = new Label();
                    var end = new Label();
                    Condition(i.Test, false, orElse);
                    Expr(i.Body);
                    Era.Jumps.Jump(this, end);
                    Mark(orElse);
                    Expr(i.OrElse);
                    Mark(end);
                    break;
                }

            case CallExpr c when Era.Supers.TryCall(this, c):
                break;
            case CallExpr c:
                Era.Calls.Call(this, c);
                break;
            case CollectionExpr c:
                Era.Operators.Collection(this, c);
                break;
            case DictExpr d:
                Era.Operators.Dict(this, d);
                break;
            case FStringExpr f:
                Era.Operators.FString(this, f);
                break;
            case LambdaExpr l:
                Era.Functions.MakeFunction(this, l.Definition, l);
                break;
            case YieldExpr y:
                if (y.Value is null)
                {
                    LoadConst(null);
                }
                else
                {
                    Expr(y.Value);
                }

                if (Scope.IsCoroutine)
                {
                    Era.Async.WrapAsyncGenYield(this);
                }

                Era.Functions.Yield(this);
                break;
            case YieldFromExpr y:
                if (Era.Version.Major == 2)
                {
                    throw NotOn("yield from").Because();
                }

                if (Scope.IsCoroutine)
                {
                    throw new PortableNotSupportedException("'yield from' inside an async function", Version, "CPython's compiler rejects it (SyntaxError)");
                }

                Expr(y.Value);
                Era.Functions.YieldFromIter(this);
                LoadConst(null);
                Era.Functions.YieldFrom(this, resume: 2);
                break;
            case AwaitExpr a:
                if (Era.Version.Major == 2)
                {
                    throw NotOn("await").Because();
                }

                if (!Scope.IsCoroutine)
                {
                    throw new PortableNotSupportedException("'await' outside an async function", Version, "CPython's compiler rejects it (SyntaxError)");
                }

                Expr(a.Value);
                Era.Functions.GetAwaitable(this);
                LoadConst(null);
                Era.Functions.YieldFrom(this, resume: 3);
                break;
            case ComprehensionExpr c:
                Era.Functions.Comprehension(this, c);
                break;
            case StarredExpr:
                throw new PortableNotSupportedException("a starred expression outside a display, call or target");
            default:
                throw new PortableNotSupportedException($"the expression {e.GetType().Name}");
        }
    }

    public void BuildSlice(SliceExpr s)
    {
        LoadOrNone(s.Lower);
        LoadOrNone(s.Upper);
        if (s.Step is not null)
        {
            Expr(s.Step);
            Op("BUILD_SLICE", 3);
        }
        else
        {
            Op("BUILD_SLICE", 2);
        }
    }

    public void LoadOrNone(Expr? e)
    {
        if (e is null)
        {
            LoadConst(null);
        }
        else
        {
            Expr(e);
        }
    }

    /// <summary>Evaluates <paramref name="e"/> for its truth and jumps to <paramref name="target"/> when it is <paramref name="when"/>.</summary>
    public void Condition(Expr e, bool when, Label target)
    {
        e = Era.Idioms.Fold(e);
        if (e is BoolExpr simplified)
        {
            e = Era.Idioms.SimplifyBool(simplified);
        }

        switch (e)
        {
            case UnaryExpr { Op: UnaryOperator.Not } u:
                Condition(u.Operand, !when, target);
                return;
            case BoolExpr b:
                {
                    // and: jump away on the first false; or: on the first true.
                    var shortValue = !b.IsAnd;
                    if (when == shortValue)
                    {
                        foreach (var v in b.Values)
                        {
                            OperandCondition(v, when, target);
                        }
                    }
                    else
                    {
                        var next = new Label();
                        for (var k = 0; k < b.Values.Count - 1; k++)
                        {
                            OperandCondition(b.Values[k], shortValue, next);
                        }

                        OperandCondition(b.Values[^1], when, target);
                        Mark(next);
                    }

                    return;
                }

            case CompareExpr { Rest.Count: 1 } c when c.Rest[0].Op is CompareOperator.Is or CompareOperator.IsNot
                && c.Rest[0].Right is ConstExpr { Value: null } && Era.Jumps.HasNoneJumps:
                Expr(c.Left);
                Era.Jumps.JumpIfNone(this, isNone: (c.Rest[0].Op == CompareOperator.Is) == when, target);
                return;
            case CompareExpr { Rest.Count: 1 } c:
                Expr(c.Left);
                Expr(c.Rest[0].Right);
                Era.Operators.Compare(this, c.Rest[0].Op, toBool: true);
                Era.Jumps.JumpIf(this, when, target, isBool: c.Rest[0].Op is not (CompareOperator.Is or CompareOperator.IsNot or CompareOperator.In or CompareOperator.NotIn) || Era.Operators.IsContainsOpBool);
                return;
            default:
                Expr(e);
                Era.Jumps.JumpIf(this, when, target, isBool: false);
                return;
        }
    }

    /// <summary>An and/or operand's test: 2.7/3.6 evaluate a <c>not</c> there as a value (UNARY_NOT stays).</summary>
    private void OperandCondition(Expr v, bool when, Label target)
    {
        if (v is UnaryExpr { Op: UnaryOperator.Not } && Era.Idioms.NotInsideBoolTestIsValue && !IsFoldedConstant(v, out _))
        {
            Expr(v);
            Era.Jumps.JumpIf(this, when, target, isBool: true);
            return;
        }

        Condition(v, when, target);
    }

    // ---- stores ----
    public void Store(Expr target)
    {
        switch (target)
        {
            case NameExpr n:
                StoreName(n.Name);
                break;
            case AttrExpr a:
                Expr(a.Target);
                Op("STORE_ATTR", a.Name);
                break;
            case SubscriptExpr s:
                Era.Operators.StoreSubscript(this, s);
                break;
            case CollectionExpr c when c.Kind != CollectionKind.Set:
                {
                    var star = c.Items.ToList().FindIndex(i => i is StarredExpr);
                    if (star < 0)
                    {
                        Op("UNPACK_SEQUENCE", c.Items.Count);
                    }
                    else
                    {
                        if (Era.Version.Major == 2)
                        {
                            throw NotOn("starred assignment").Because();
                        }

                        Op("UNPACK_EX", star | ((c.Items.Count - star - 1) << 8));
                    }

                    foreach (var i in c.Items)
                    {
                        Store(i is StarredExpr s ? s.Value : i);
                    }

                    break;
                }

            default:
                throw new PortableNotSupportedException($"assignment to {target.GetType().Name}");
        }
    }

    public void Delete(Expr target)
    {
        switch (target)
        {
            case NameExpr n:
                DeleteName(n.Name);
                break;
            case AttrExpr a:
                Expr(a.Target);
                Op("DELETE_ATTR", a.Name);
                break;
            case SubscriptExpr s:
                Expr(s.Target);
                Expr(s.Index);
                Op("DELETE_SUBSCR");
                break;
            case CollectionExpr c:
                foreach (var i in c.Items)
                {
                    Delete(i);
                }

                break;
            default:
                throw new PortableNotSupportedException($"del of {target.GetType().Name}");
        }
    }
}
