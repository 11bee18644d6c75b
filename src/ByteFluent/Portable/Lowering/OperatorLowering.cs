using ByteFluent.Model;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>Operators, subscripts, displays and stack shuffles of 2.7 (BINARY_DIVIDE, SLICE+n, DUP_TOPX, STORE_MAP).</summary>
internal class OperatorLowering27
{
    /// <summary><c>from m import *</c> after IMPORT_NAME: IMPORT_STAR pops the module (3.12+: an intrinsic, result popped).</summary>
    public virtual void ImportStar(CodeGen g) => g.Op("IMPORT_STAR");

    private static readonly string[] BinaryNames =
        ["ADD", "SUBTRACT", "MULTIPLY", "DIVIDE", "FLOOR_DIVIDE", "MODULO", "POWER", "LSHIFT", "RSHIFT", "AND", "OR", "XOR", "MATRIX_MULTIPLY"];

    public virtual bool IsContainsOpBool => true;

    protected static string CmpSymbol(CompareOperator op) => op switch
    {
        CompareOperator.Less => "<",
        CompareOperator.LessEqual => "<=",
        CompareOperator.Equal => "==",
        CompareOperator.NotEqual => "!=",
        CompareOperator.Greater => ">",
        CompareOperator.GreaterEqual => ">=",
        CompareOperator.Is => "is",
        CompareOperator.IsNot => "is not",
        CompareOperator.In => "in",
        _ => "not in",
    };

    public virtual void Binary(CodeGen g, BinaryOperator op, bool inPlace)
    {
        if (op == BinaryOperator.MatrixMultiply && g.Version.Major == 2)
        {
            throw g.NotOn("the @ operator").Because();
        }

        var name = BinaryNames[(int)op];
        if (op == BinaryOperator.Divide && g.Version.Major == 3)
        {
            name = "TRUE_DIVIDE";
        }

        g.Op((inPlace ? "INPLACE_" : "BINARY_") + name);
    }

    public virtual void Unary(CodeGen g, UnaryOperator op) => g.Op(op switch
    {
        UnaryOperator.Negative => "UNARY_NEGATIVE",
        UnaryOperator.Positive => "UNARY_POSITIVE",
        UnaryOperator.Invert => "UNARY_INVERT",
        _ => "UNARY_NOT",
    });

    public virtual void Compare(CodeGen g, CompareOperator op, bool toBool) => g.Op("COMPARE_OP", new Comparison(CmpSymbol(op)));

    public virtual void DupTop(CodeGen g) => g.Op("DUP_TOP");

    public virtual void DupTopTwo(CodeGen g) => g.Op("DUP_TOPX", 2);

    public virtual void RotTwo(CodeGen g) => g.Op("ROT_TWO");

    public virtual void RotThree(CodeGen g) => g.Op("ROT_THREE");

    public virtual void SubscriptOnStack(CodeGen g) => g.Op("BINARY_SUBSCR");

    public virtual void Subscript(CodeGen g, SubscriptExpr s)
    {
        g.Expr(s.Target);
        if (s.Index is SliceExpr { Step: null } slice && g.Version.Major == 2)
        {
            // 2.7 compiles a simple slice to SLICE+0..3 (+1: lower given, +2: upper given).
            var kind = 0;
            if (slice.Lower is not null)
            {
                g.Expr(slice.Lower);
                kind |= 1;
            }

            if (slice.Upper is not null)
            {
                g.Expr(slice.Upper);
                kind |= 2;
            }

            g.Op("SLICE+" + kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        g.Expr(s.Index);
        SubscriptOnStack(g);
    }

    public virtual void StoreSubscript(CodeGen g, SubscriptExpr s)
    {
        g.Expr(s.Target);
        g.Expr(s.Index);
        g.Op("STORE_SUBSCR");
    }

    /// <summary>a &lt; b &lt; c: keep the middle operand, stop at the first false.</summary>
    public virtual void ChainedCompare(CodeGen g, CompareExpr c)
    {
        var cleanup = new Label();
        var end = new Label();
        g.Expr(c.Left);
        for (var k = 0; k < c.Rest.Count - 1; k++)
        {
            g.Expr(c.Rest[k].Right);
            ChainKeep(g);
            Compare(g, c.Rest[k].Op, toBool: false);
            ChainJump(g, cleanup);
        }

        g.Expr(c.Rest[^1].Right);
        Compare(g, c.Rest[^1].Op, toBool: false);
        g.Era.Jumps.Jump(g, end);
        g.Mark(cleanup);
        RotTwo(g);
        g.Op("POP_TOP");
        g.Mark(end);
    }

    protected virtual void ChainKeep(CodeGen g)
    {
        g.Op("DUP_TOP");
        g.Op("ROT_THREE");
    }

    protected virtual void ChainJump(CodeGen g, Label cleanup) => g.Op("JUMP_IF_FALSE_OR_POP", cleanup);

    public virtual void Collection(CodeGen g, CollectionExpr c)
    {
        if (c.Kind == CollectionKind.Tuple && (c.Items.Count > 0 || g.Era.Idioms.FoldsEmptyTuple) && ConstantItems(g, c.Items) is { } values)
        {
            g.LoadConst(values);
            return;
        }

        if (c.Items.Any(i => i is StarredExpr))
        {
            StarredCollection(g, c);
            return;
        }

        foreach (var i in c.Items)
        {
            g.Expr(i);
        }

        g.Op(c.Kind switch
        {
            CollectionKind.Tuple => "BUILD_TUPLE",
            CollectionKind.List => "BUILD_LIST",
            _ => "BUILD_SET",
        }, c.Items.Count);
    }

    protected virtual void StarredCollection(CodeGen g, CollectionExpr c) => throw g.NotOn("unpacking in a display").Because();

    /// <summary>The items' values when every one is a constant once folded, else null.</summary>
    protected static object?[]? ConstantItems(CodeGen g, IReadOnlyList<Expr> items)
    {
        var values = new object?[items.Count];
        for (var k = 0; k < items.Count; k++)
        {
            if (!g.IsFoldedConstant(items[k], out values[k]))
            {
                return null;
            }
        }

        return values;
    }

    public virtual void Dict(CodeGen g, DictExpr d)
    {
        g.Op("BUILD_MAP", d.Items.Count);
        foreach (var (k, v) in d.Items)
        {
            g.Expr(v);
            g.Expr(k);
            g.Op("STORE_MAP");
        }
    }

    public virtual void FString(CodeGen g, FStringExpr f) => throw g.NotOn("f-string").Because("f-strings are 3.6+");
}

/// <summary>3.6–3.8: TRUE_DIVIDE, BUILD_CONST_KEY_MAP, FORMAT_VALUE, BUILD_*_UNPACK, DUP_TOP_TWO.</summary>
internal class OperatorLowering36 : OperatorLowering27
{
    public override void DupTopTwo(CodeGen g) => g.Op("DUP_TOP_TWO");

    public override void Subscript(CodeGen g, SubscriptExpr s)
    {
        g.Expr(s.Target);
        g.Expr(s.Index);
        SubscriptOnStack(g);
    }

    public override void Dict(CodeGen g, DictExpr d)
    {
        if (d.Items.Count > 1 && d.Items.All(i => i.Key is ConstExpr))
        {
            foreach (var (_, v) in d.Items)
            {
                g.Expr(v);
            }

            g.LoadConst(d.Items.Select(i => ((ConstExpr)i.Key).Value).ToArray());
            g.Op("BUILD_CONST_KEY_MAP", d.Items.Count);
            return;
        }

        foreach (var (k, v) in d.Items)
        {
            g.Expr(k);
            g.Expr(v);
        }

        g.Op("BUILD_MAP", d.Items.Count);
    }

    protected override void StarredCollection(CodeGen g, CollectionExpr c)
    {
        var parts = 0;
        var pending = new List<Expr>();
        void Flush()
        {
            if (pending.Count > 0)
            {
                // A run of constants is one constant tuple (the peephole pass folds its BUILD_TUPLE).
                g.Expr(new CollectionExpr(CollectionKind.Tuple, [.. pending]));
                parts++;
                pending.Clear();
            }
        }

        foreach (var i in c.Items)
        {
            if (i is StarredExpr s)
            {
                Flush();
                g.Expr(s.Value);
                parts++;
            }
            else
            {
                pending.Add(i);
            }
        }

        Flush();
        g.Op(c.Kind switch
        {
            CollectionKind.Tuple => "BUILD_TUPLE_UNPACK",
            CollectionKind.List => "BUILD_LIST_UNPACK",
            _ => "BUILD_SET_UNPACK",
        }, parts);
    }

    public override void FString(CodeGen g, FStringExpr f)
    {
        foreach (var p in f.Parts)
        {
            if (p.Value is null)
            {
                g.LoadConst(p.Text ?? string.Empty);
                continue;
            }

            g.Expr(p.Value);
            FormatValue(g, p);
        }

        if (f.Parts.Count != 1 || f.Parts[0].Value is null)
        {
            g.Op("BUILD_STRING", f.Parts.Count);
        }
    }

    protected static int ConversionCode(char c) => c switch
    {
        's' => 1,
        'r' => 2,
        'a' => 3,
        _ => 0,
    };

    protected virtual void FormatValue(CodeGen g, FPart p)
    {
        var flags = ConversionCode(p.Conversion);
        if (p.Spec is not null)
        {
            g.LoadConst(p.Spec);
            flags |= 4;
        }

        g.Op("FORMAT_VALUE", flags);
    }
}

/// <summary>3.9–3.10: IS_OP, CONTAINS_OP, LIST_EXTEND / LIST_TO_TUPLE displays.</summary>
internal class OperatorLowering39 : OperatorLowering36
{
    public override void Compare(CodeGen g, CompareOperator op, bool toBool)
    {
        switch (op)
        {
            case CompareOperator.Is or CompareOperator.IsNot:
                g.Op("IS_OP", op == CompareOperator.IsNot ? 1 : 0);
                break;
            case CompareOperator.In or CompareOperator.NotIn:
                g.Op("CONTAINS_OP", op == CompareOperator.NotIn ? 1 : 0);
                break;
            default:
                CompareOp(g, op, toBool);
                break;
        }
    }

    protected virtual void CompareOp(CodeGen g, CompareOperator op, bool toBool) => g.Op("COMPARE_OP", new Comparison(CmpSymbol(op)));

    public virtual void ListToTuple(CodeGen g) => g.Op("LIST_TO_TUPLE");


    public override void Collection(CodeGen g, CollectionExpr c)
    {
        if (c.Kind != CollectionKind.Tuple && c.Items.Count >= 3 && c.Items.All(CodeGen.IsConstant))
        {
            // CPython 3.9+ builds constant lists and sets from one constant tuple / frozenset.
            g.Op(c.Kind == CollectionKind.List ? "BUILD_LIST" : "BUILD_SET", 0);
            var values = c.Items.Select(i => CodeGen.ToPy(((ConstExpr)i).Value)).ToArray();
            g.LoadConstObject(c.Kind == CollectionKind.List ? new Marshal.PyTuple(values) : new Marshal.PyFrozenSet(values));
            g.Op(c.Kind == CollectionKind.List ? "LIST_EXTEND" : "SET_UPDATE", 1);
            return;
        }

        base.Collection(g, c);
    }

    protected override void StarredCollection(CodeGen g, CollectionExpr c)
    {
        var isSet = c.Kind == CollectionKind.Set;
        var first = c.Items.TakeWhile(i => i is not StarredExpr).ToList();
        foreach (var i in first)
        {
            g.Expr(i);
        }

        g.Op(isSet ? "BUILD_SET" : "BUILD_LIST", first.Count);
        foreach (var i in c.Items.Skip(first.Count))
        {
            if (i is StarredExpr s)
            {
                g.Expr(s.Value);
                g.Op(isSet ? "SET_UPDATE" : "LIST_EXTEND", 1);
            }
            else
            {
                g.Expr(i);
                g.Op(isSet ? "SET_ADD" : "LIST_APPEND", 1);
            }
        }

        if (c.Kind == CollectionKind.Tuple)
        {
            ListToTuple(g);
        }
    }
}

/// <summary>3.11: BINARY_OP, COPY / SWAP instead of DUP_TOP / ROT_*.</summary>
internal class OperatorLowering311 : OperatorLowering39
{
    private static readonly int[] NbCodes = [0, 10, 5, 11, 2, 6, 8, 3, 9, 1, 7, 12, 4];

    public override void Binary(CodeGen g, BinaryOperator op, bool inPlace) => g.Op("BINARY_OP", NbCodes[(int)op] + (inPlace ? 13 : 0));

    public override void DupTop(CodeGen g) => g.Op("COPY", 1);

    public override void DupTopTwo(CodeGen g)
    {
        g.Op("COPY", 2);
        g.Op("COPY", 2);
    }

    public override void RotTwo(CodeGen g) => g.Op("SWAP", 2);

    public override void RotThree(CodeGen g)
    {
        g.Op("SWAP", 3);
        g.Op("SWAP", 2);
    }

    protected override void ChainKeep(CodeGen g)
    {
        g.Op("SWAP", 2);
        g.Op("COPY", 2);
    }
}

/// <summary>3.12: BINARY_SLICE / STORE_SLICE, CALL_INTRINSIC_1 for unary + and list-to-tuple, compare low bits, no JUMP_IF_*_OR_POP.</summary>
internal class OperatorLowering312 : OperatorLowering311
{
    public override void ListToTuple(CodeGen g) => g.Op("CALL_INTRINSIC_1", 6);

    public override void ImportStar(CodeGen g)
    {
        g.Op("CALL_INTRINSIC_1", 2);   // INTRINSIC_IMPORT_STAR
        g.Op("POP_TOP");
    }

    public override void Unary(CodeGen g, UnaryOperator op)
    {
        if (op == UnaryOperator.Positive)
        {
            g.Op("CALL_INTRINSIC_1", 5);
            return;
        }

        base.Unary(g, op);
    }

    protected override void CompareOp(CodeGen g, CompareOperator op, bool toBool) =>
        g.Op("COMPARE_OP", Building.ComparisonEncoding.For(g.Version, CmpSymbol(op), toBool && g.Era.Jumps.NeedsToBool));

    public override void Subscript(CodeGen g, SubscriptExpr s)
    {
        if (s.Index is SliceExpr { Step: null } slice)
        {
            g.Expr(s.Target);
            g.LoadOrNone(slice.Lower);
            g.LoadOrNone(slice.Upper);
            g.Op("BINARY_SLICE");
            return;
        }

        base.Subscript(g, s);
    }

    public override void StoreSubscript(CodeGen g, SubscriptExpr s)
    {
        if (s.Index is SliceExpr { Step: null } slice)
        {
            g.Expr(s.Target);
            g.LoadOrNone(slice.Lower);
            g.LoadOrNone(slice.Upper);
            g.Op("STORE_SLICE");
            return;
        }

        base.StoreSubscript(g, s);
    }

    protected override void ChainJump(CodeGen g, Label cleanup)
    {
        g.Op("COPY", 1);
        g.Era.Jumps.JumpIf(g, false, cleanup, isBool: false);
        g.Op("POP_TOP");
    }
}

/// <summary>3.13: TO_BOOL before UNARY_NOT, FORMAT_SIMPLE / FORMAT_WITH_SPEC / CONVERT_VALUE.</summary>
internal class OperatorLowering313 : OperatorLowering312
{
    public override void Unary(CodeGen g, UnaryOperator op)
    {
        if (op == UnaryOperator.Not)
        {
            g.Op("TO_BOOL");
        }

        base.Unary(g, op);
    }

    protected override void FormatValue(CodeGen g, FPart p)
    {
        if (p.Conversion != '\0')
        {
            g.Op("CONVERT_VALUE", ConversionCode(p.Conversion));
        }

        if (p.Spec is not null)
        {
            g.LoadConst(p.Spec);
            g.Op("FORMAT_WITH_SPEC");
        }
        else
        {
            g.Op("FORMAT_SIMPLE");
        }
    }
}

/// <summary>3.14+: subscripts are BINARY_OP [] (26); BUILD_CONST_KEY_MAP is gone.</summary>
internal sealed class OperatorLowering314 : OperatorLowering313
{
    public override void SubscriptOnStack(CodeGen g) => g.Op("BINARY_OP", 26);

    public override void Subscript(CodeGen g, SubscriptExpr s)
    {
        // 3.14 folds a slice of constants (l[1:3], l[::2]) into one slice constant.
        if (s.Index is SliceExpr slice && SliceBound(g, slice.Lower) is { } lower && SliceBound(g, slice.Upper) is { } upper && SliceBound(g, slice.Step) is { } step)
        {
            g.Expr(s.Target);
            g.LoadConstObject(new Marshal.PySlice(lower, upper, step));
            SubscriptOnStack(g);
            return;
        }

        base.Subscript(g, s);
    }

    private static Marshal.PyObject? SliceBound(CodeGen g, Expr? bound) =>
        bound is null ? Marshal.PyNone.Instance : g.IsFoldedConstant(bound, out var value) ? CodeGen.ToPy(value) : null;

    public override void Dict(CodeGen g, DictExpr d)
    {
        foreach (var (k, v) in d.Items)
        {
            g.Expr(k);
            g.Expr(v);
        }

        g.Op("BUILD_MAP", d.Items.Count);
    }
}
