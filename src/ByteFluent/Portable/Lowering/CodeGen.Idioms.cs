using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

internal sealed partial class CodeGen
{
    /// <summary>Whether <paramref name="e"/> is a constant once folded (2.7: True/False are not; they are names).</summary>
    public bool IsFoldedConstant(Expr e, out object? value)
    {
        if (Era.Idioms.Fold(e) is ConstExpr c && !(Era.Idioms.BoolsAreNames && c.Value is bool))
        {
            value = c.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The truth of a constant test (<c>while True</c>, <c>if 0</c>), or null when it is evaluated.</summary>
    public bool? ConstantTruth(Expr e) => Era.Idioms.Truth(e);

    /// <summary>
    /// <c>a, b = b, a</c> (one to three items, no starred): CPython drops BUILD_TUPLE + UNPACK_SEQUENCE for a rotation of
    /// the loaded values (ROT_TWO, ROT_THREE ROT_TWO; SWAP n from 3.11), or from 3.11 for stores to distinct fast locals
    /// simply stores them in reverse order. False when the plain lowering applies.
    /// </summary>
    private bool TryUnpackWithoutTuple(AssignStmt a)
    {
        if (a.Targets is not [CollectionExpr { Kind: not CollectionKind.Set } target] || a.Value is not CollectionExpr value
            || !(value.Kind == CollectionKind.Tuple || (value.Kind == CollectionKind.List && Era.Idioms.ListUnpackRotates))
            || value.Items.Count != target.Items.Count || value.Items.Count is < 1 or > 3
            || target.Items.Any(i => i is StarredExpr) || value.Items.Any(i => i is StarredExpr))
        {
            return false;
        }

        if (value.Kind == CollectionKind.Tuple && Era.Idioms.FoldsTupleBeforeUnpack && value.Items.All(i => IsFoldedConstant(i, out _)))
        {
            return false;   // one constant tuple and UNPACK_SEQUENCE
        }

        foreach (var v in value.Items)
        {
            Expr(v);
        }

        var n = value.Items.Count;
        var names = target.Items.Select(t => t is NameExpr ne && Scope.Access(ne.Name) == NameAccess.Fast ? ne.Name : null).ToList();
        if (n > 1 && Era.Idioms.ReordersFastStores && names.All(x => x is not null) && names.Distinct().Count() == n)
        {
            for (var k = n - 1; k >= 0; k--)
            {
                Store(target.Items[k]);
            }

            return true;
        }

        if (n > 1)
        {
            Era.Idioms.UnpackSwap(this, n);
        }

        foreach (var t in target.Items)
        {
            Store(t);
        }

        return true;
    }
}
