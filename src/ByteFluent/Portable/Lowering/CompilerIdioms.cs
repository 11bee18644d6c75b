using System.Numerics;
using ByteFluent.Marshal;
using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// What CPython's AST optimizer and peephole pass do to expressions before (or instead of) the plain lowering: constant
/// folding, unpacking without a tuple (ROT_TWO / SWAP), and the jump idioms that follow from them. 3.7–3.9 is the base:
/// the AST optimizer folds constant unary and binary operations (<c>not</c> included) and the empty tuple.
/// </summary>
internal class CompilerIdioms
{
    /// <summary>2.7: True and False are builtin names, loaded by name (and never a constant loop test).</summary>
    public virtual bool BoolsAreNames => false;

    /// <summary>3.7+: <c>not</c> of a constant is folded (2.7/3.6's peephole leaves UNARY_NOT).</summary>
    public virtual bool FoldsNot => true;

    /// <summary>Whether the display <c>()</c> is a constant (3.6's peephole leaves BUILD_TUPLE 0).</summary>
    public virtual bool FoldsEmptyTuple => true;

    /// <summary>3.10+: a call's empty positional tuple before CALL_FUNCTION_EX is a constant (BUILD_TUPLE 0 before).</summary>
    public virtual bool CallEmptyTupleIsConstant => false;

    /// <summary>2.7/3.6: the peephole also turns BUILD_LIST n + UNPACK_SEQUENCE n into rotations.</summary>
    public virtual bool ListUnpackRotates => false;

    /// <summary>Whether a tuple of constants is folded before the unpack rewrite sees it (not in 3.14+, which folds later).</summary>
    public virtual bool FoldsTupleBeforeUnpack => true;

    /// <summary>3.11+: stores of distinct fast locals after a swap are reordered instead (the SWAP disappears).</summary>
    public virtual bool ReordersFastStores => false;

    /// <summary>3.10+: a constant operand of and/or that cannot end it is dropped; one that ends it ends it.</summary>
    public virtual bool DropsConstantBoolOperands => false;

    /// <summary>2.7: an <c>if</c> body always ends with a jump to the end (also without else), unless it returns.</summary>
    public virtual bool IfBodyAlwaysJumps => false;

    /// <summary>2.7/3.6: a <c>not</c> inside an and/or test is evaluated as a value (no jump inversion through it).</summary>
    public virtual bool NotInsideBoolTestIsValue => false;

    /// <summary>Longest str/bytes result folded (2.7/3.6's peephole: 20; the AST optimizer: 4096).</summary>
    protected virtual int MaxFoldedLength => 4096;

    /// <summary>Whether a negated zero is folded (2.7 folds only a true operand, keeping -0.0's sign).</summary>
    protected virtual bool FoldsNegativeZero => true;

    /// <summary>Whether unary + is folded (not by 2.7's peephole).</summary>
    protected virtual bool FoldsPositive => true;

    /// <summary>Whether a display that is only iterated is folded (2.7's peephole folds only the operand of in / not in).</summary>
    protected virtual bool FoldsIteratedDisplays => true;

    /// <summary>3.8+: a list display that is only iterated or searched is a tuple even when its items are not constants.</summary>
    protected virtual bool SearchedListIsTuple => true;

    /// <summary>Whether a set display of constants that is iterated or searched is a frozenset constant (not in 2.7).</summary>
    protected virtual bool FoldsSearchedSets => true;

    /// <summary>Whether an empty list that is iterated or searched is the constant <c>()</c> (3.6's peephole skips BUILD_LIST 0).</summary>
    protected virtual bool FoldsEmptySearchedList => true;

    /// <summary>Most items of a display folded so (3.14+'s flow-graph pass: 30, its stack-use guideline).</summary>
    protected virtual int MaxSearchedItems => int.MaxValue;

    /// <summary>
    /// A <c>for</c>'s (or a comprehension's) iterable as the era compiles it: a list display becomes a tuple, a set display
    /// of constants a frozenset constant (<see cref="Searched"/>); the same object when nothing changes.
    /// </summary>
    public Expr Iterated(Expr e) => FoldsIteratedDisplays ? Searched(e) : e;

    /// <summary>A comparison whose last operator is <c>in</c> / <c>not in</c> with its right operand as <see cref="Searched"/> gives it (only the last one, as CPython).</summary>
    public CompareExpr Membership(CompareExpr c)
    {
        var (op, right) = c.Rest[^1];
        if (op is not (CompareOperator.In or CompareOperator.NotIn) || ReferenceEquals(Searched(right), right))
        {
            return c;
        }

        var rest = new List<(CompareOperator, Expr)>(c.Rest);
        rest[^1] = (op, Searched(right));
        return c with { Rest = rest };
    }

    /// <summary>
    /// A list or set display that is only iterated or searched, as CPython's AST optimizer (3.7–3.13), peephole pass (2.7,
    /// 3.6) or flow-graph pass (3.14+) leaves it: a list of constants is a constant tuple, a set of constants a frozenset;
    /// 3.8+ builds any other list as a tuple. Starred items keep the display.
    /// </summary>
    private Expr Searched(Expr e)
    {
        if (e is not CollectionExpr { Kind: not CollectionKind.Tuple } c || c.Items.Count > MaxSearchedItems || c.Items.Any(i => i is StarredExpr))
        {
            return e;
        }

        var values = new PyObject[c.Items.Count];
        var constant = true;
        for (var k = 0; k < values.Length; k++)
        {
            if (Fold(c.Items[k]) is not ConstExpr item || (BoolsAreNames && item.Value is bool))
            {
                constant = false;
                break;
            }

            values[k] = CodeGen.ToPy(item.Value);
        }

        if (c.Kind == CollectionKind.Set)
        {
            return constant && FoldsSearchedSets && values.Length > 0 ? new ConstExpr(new PyFrozenSet(values)) : e;
        }

        var folds = values.Length == 0 ? FoldsEmptySearchedList : constant || SearchedListIsTuple;
        return folds ? new CollectionExpr(CollectionKind.Tuple, c.Items) : e;
    }

    /// <summary>The rotation replacing BUILD_TUPLE n + UNPACK_SEQUENCE n (n = 2 or 3).</summary>
    public virtual void UnpackSwap(CodeGen g, int n)
    {
        if (n == 3)
        {
            g.Op("ROT_THREE");
        }

        g.Op("ROT_TWO");
    }

    /// <summary>The expression with constant operations folded as the era's compiler folds them (the same object otherwise).</summary>
    public Expr Fold(Expr e) => e switch
    {
        UnaryExpr u when Fold(u.Operand) is ConstExpr c && FoldUnary(u.Op, c.Value) is { } k => k,
        BinaryExpr b when FoldOperand(b.Left) is ConstExpr l && FoldOperand(b.Right) is ConstExpr r && FoldBinary(b.Op, l.Value, r.Value) is { } k => k,
        CompareExpr c => Membership(c),
        _ => e,
    };

    /// <summary>2.7: a binary operation folds only next to literal operands (its peephole does not see through a fold it made).</summary>
    protected virtual bool FoldsNestedBinary => true;

    private Expr FoldOperand(Expr e) => e is BinaryExpr && !FoldsNestedBinary ? e : Fold(e);

    /// <summary>The truth of a constant test, or null when the compiler evaluates it.</summary>
    public bool? Truth(Expr e) => (Fold(e) is BoolExpr both ? SimplifyBool(both) : Fold(e)) is ConstExpr c ? c.Value switch
    {
        null => false,
        bool b => BoolsAreNames ? null : b,
        int i => i != 0,
        long l => l != 0,
        string s => s.Length != 0,
        _ => null,
    }
    : null;

    /// <summary>3.10+: and/or with the constant operands the flow-graph pass removes taken out (a constant that decides the value ends it).</summary>
    public Expr SimplifyBool(BoolExpr b)
    {
        if (!DropsConstantBoolOperands)
        {
            return b;
        }

        var kept = new List<Expr>(b.Values.Count);
        for (var k = 0; k < b.Values.Count; k++)
        {
            var v = Fold(b.Values[k]);
            var truth = k < b.Values.Count - 1 ? ValueTruth(v) : null;
            if (truth is bool t && t == b.IsAnd)
            {
                continue;   // `x and 1 and y`: 1 never decides.
            }

            kept.Add(v);
            if (truth is not null)
            {
                break;      // `x and 0 and y`: 0 is the value whenever it is reached.
            }
        }

        return kept.Count == 1 ? kept[0] : new BoolExpr(b.IsAnd, kept);
    }

    private static bool? ValueTruth(Expr e) => e is ConstExpr c ? c.Value switch
    {
        null => false,
        bool x => x,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length != 0,
        _ => null,
    }
    : null;

    private ConstExpr? FoldUnary(UnaryOperator op, object? v)
    {
        if (v is bool && op != UnaryOperator.Not)
        {
            return null;
        }

        return (op, v) switch
        {
            (UnaryOperator.Not, _) when FoldsNot && ValueTruth(new ConstExpr(v)) is bool t => new ConstExpr(!t),
            (UnaryOperator.Negative, int i) when i != 0 || FoldsNegativeZero => new ConstExpr(-(long)i),
            (UnaryOperator.Negative, long l) when (l != 0 || FoldsNegativeZero) && l != long.MinValue => new ConstExpr(-l),
            (UnaryOperator.Negative, double d) when d != 0 || FoldsNegativeZero => new ConstExpr(-d),
            (UnaryOperator.Invert, int i) => new ConstExpr(~(long)i),
            (UnaryOperator.Invert, long l) => new ConstExpr(~l),
            (UnaryOperator.Positive, int or long or double) when FoldsPositive => new ConstExpr(v),
            _ => null,
        };
    }

    private ConstExpr? FoldBinary(BinaryOperator op, object? a, object? b)
    {
        if (a is string s && b is string t && op == BinaryOperator.Add)
        {
            return s.Length + t.Length <= MaxFoldedLength ? new ConstExpr(s + t) : null;
        }

        // Integers only (bools excluded): exact results, kept well inside a machine word so no size rule matters.
        if (Integer(a) is not BigInteger x || Integer(b) is not BigInteger y)
        {
            return null;
        }

        BigInteger? r = op switch
        {
            BinaryOperator.Add => x + y,
            BinaryOperator.Subtract => x - y,
            BinaryOperator.Multiply => x * y,
            BinaryOperator.And => x & y,
            BinaryOperator.Or => x | y,
            BinaryOperator.Xor => x ^ y,
            _ => null,
        };
        return r is BigInteger v && BigInteger.Abs(v) < (BigInteger.One << 62) ? new ConstExpr((long)v) : null;
    }

    private static BigInteger? Integer(object? v) => v switch
    {
        int i when Math.Abs((long)i) < 1L << 31 => i,
        long l when l > -(1L << 62) && l < 1L << 62 => l,
        _ => null,
    };
}

/// <summary>2.7: the peephole pass folds; True/False are names; an if body always jumps to its end.</summary>
internal sealed class CompilerIdioms27 : CompilerIdioms
{
    public override bool BoolsAreNames => true;

    public override bool FoldsNot => false;

    public override bool ListUnpackRotates => true;

    public override bool IfBodyAlwaysJumps => true;

    public override bool NotInsideBoolTestIsValue => true;

    protected override int MaxFoldedLength => 20;

    protected override bool FoldsNegativeZero => false;

    protected override bool FoldsPositive => false;

    protected override bool FoldsNestedBinary => false;

    protected override bool FoldsIteratedDisplays => false;

    protected override bool SearchedListIsTuple => false;

    protected override bool FoldsSearchedSets => false;
}

/// <summary>
/// 3.6: the peephole pass folds (no <c>not</c>, no empty tuple, an iterated or searched list only when it has constants);
/// no jump inversion through <c>not</c> in and/or.
/// </summary>
internal sealed class CompilerIdioms36 : CompilerIdioms
{
    public override bool FoldsNot => false;

    public override bool FoldsEmptyTuple => false;

    public override bool ListUnpackRotates => true;

    public override bool NotInsideBoolTestIsValue => true;

    protected override int MaxFoldedLength => 20;

    protected override bool SearchedListIsTuple => false;

    protected override bool FoldsEmptySearchedList => false;
}

/// <summary>3.7: an iterated or searched list becomes a tuple only when its items are constants (the AST optimizer's first version).</summary>
internal sealed class CompilerIdioms37 : CompilerIdioms
{
    protected override bool SearchedListIsTuple => false;
}

/// <summary>3.10: the flow-graph pass drops constant and/or operands; the empty call tuple is a constant.</summary>
internal class CompilerIdioms310 : CompilerIdioms
{
    public override bool CallEmptyTupleIsConstant => true;

    public override bool DropsConstantBoolOperands => true;
}

/// <summary>3.11–3.13: SWAP instead of rotations, and no swap at all before stores to distinct fast locals.</summary>
internal class CompilerIdioms311 : CompilerIdioms310
{
    public override bool ReordersFastStores => true;

    public override void UnpackSwap(CodeGen g, int n) => g.Op("SWAP", n);
}

/// <summary>
/// 3.14+: constant tuples are folded after the unpack rewrite (so <c>a, b = 1, 2</c> swaps two loads); an iterated or
/// searched display of more than 30 items is kept.
/// </summary>
internal sealed class CompilerIdioms314 : CompilerIdioms311
{
    public override bool FoldsTupleBeforeUnpack => false;

    protected override int MaxSearchedItems => 30;
}
