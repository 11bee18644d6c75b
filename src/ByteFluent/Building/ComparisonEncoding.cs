using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Building;

/// <summary>
/// The low bits CPython's compiler puts beside the operator in <c>COMPARE_OP</c>'s argument. From 3.12 the
/// specialized forms (<c>COMPARE_OP_INT</c>, ...) read a result mask from them, so emitted code must carry the same
/// mask the compiler writes; 3.13 adds bit 16 for "convert the result to bool".
/// </summary>
public static class ComparisonEncoding
{
    private const int Unordered = 1;
    private const int LessThan = 2;
    private const int GreaterThan = 4;
    private const int EqualTo = 8;
    private const int ToBoolBit = 16;

    /// <summary>The <see cref="Comparison"/> the compiler of <paramref name="version"/> would emit for an operator.</summary>
    /// <param name="version">The target version.</param>
    /// <param name="op">The operator as <c>cmp_op</c> spells it (<c>"&lt;"</c>, <c>"=="</c>, ...).</param>
    /// <param name="toBool">3.13+: also convert the result to <c>bool</c> (what the compiler does before a branch).</param>
    public static Comparison For(PythonVersion version, string op, bool toBool = false)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (version < PythonVersion.V3_12)
        {
            return new Comparison(op);
        }

        var mask = op switch
        {
            "<" => LessThan,
            "<=" => LessThan | EqualTo,
            "==" => EqualTo,
            "!=" => Unordered | LessThan | GreaterThan,
            ">" => GreaterThan,
            ">=" => GreaterThan | EqualTo,
            _ => 0,
        };
        return new Comparison(op, mask | (toBool && version >= PythonVersion.V3_13 ? ToBoolBit : 0));
    }
}
