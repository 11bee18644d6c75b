using System.Globalization;
using System.Text;

namespace ByteFluent.Versions;

/// <summary>
/// A stack count as a function of an instruction's argument, in the family every opcode table uses:
/// <c>F(oparg) = Base + Arg*oparg + Lo*(oparg &amp; 0xFF) + Hi*(oparg &gt;&gt; 8) + Table[oparg &amp; Mask]</c>,
/// except for a few arguments whose value is given outright (<see cref="Cases"/>, e.g. BUILD_SLICE with 3).
/// </summary>
/// <remarks>
/// The tables store the net effect and the pop count of every opcode in this form (see
/// <c>docs/opcode-table-format.md</c>); the extraction script proves each formula against the interpreter.
/// <c>default(StackFormula)</c> is the constant 0.
/// </remarks>
public readonly struct StackFormula : IEquatable<StackFormula>
{
    // null stands for the one-entry table [0]; a table whose entries are all equal is folded into Base.
    private readonly int[]? _table;

    // Arguments whose value is given outright, ascending, and their values; null when there are none.
    private readonly int[]? _caseOpargs;
    private readonly int[]? _caseValues;

    /// <summary>A formula without a lookup table.</summary>
    /// <param name="base">The constant term.</param>
    /// <param name="arg">The coefficient of <c>oparg</c>.</param>
    /// <param name="lo">The coefficient of <c>oparg &amp; 0xFF</c>.</param>
    /// <param name="hi">The coefficient of <c>oparg &gt;&gt; 8</c>.</param>
    public StackFormula(int @base, int arg = 0, int lo = 0, int hi = 0)
    {
        Base = @base;
        Arg = arg;
        Lo = lo;
        Hi = hi;
        Mask = 0;
        _table = null;
    }

    /// <summary>A formula with a lookup table indexed by <c>oparg &amp; mask</c>.</summary>
    /// <param name="base">The constant term.</param>
    /// <param name="arg">The coefficient of <c>oparg</c>.</param>
    /// <param name="lo">The coefficient of <c>oparg &amp; 0xFF</c>.</param>
    /// <param name="hi">The coefficient of <c>oparg &gt;&gt; 8</c>.</param>
    /// <param name="mask">The mask applied to <c>oparg</c> before the lookup; must be less than the table's length.</param>
    /// <param name="table">The table of additional terms.</param>
    /// <exception cref="ArgumentOutOfRangeException">The mask is negative or not less than the table's length.</exception>
    public StackFormula(int @base, int arg, int lo, int hi, int mask, ReadOnlySpan<int> table)
    {
        if (mask < 0 || mask >= table.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(mask), mask, $"The mask must be non-negative and less than the table's length ({table.Length}).");
        }

        Arg = arg;
        Lo = lo;
        Hi = hi;
        var first = table[0];
        var uniform = true;
        foreach (var t in table)
        {
            uniform &= t == first;
        }

        if (uniform)
        {
            Base = @base + first;
            Mask = 0;
            _table = null;
        }
        else
        {
            Base = @base;
            Mask = mask;
            _table = table.ToArray();
        }
    }

    /// <summary>The constant term.</summary>
    public int Base { get; }

    /// <summary>The coefficient of <c>oparg</c>.</summary>
    public int Arg { get; }

    /// <summary>The coefficient of <c>oparg &amp; 0xFF</c>.</summary>
    public int Lo { get; }

    /// <summary>The coefficient of <c>oparg &gt;&gt; 8</c>.</summary>
    public int Hi { get; }

    /// <summary>The mask applied to <c>oparg</c> before the table lookup (0 when there is no table).</summary>
    public int Mask { get; }

    /// <summary>The lookup table (empty when there is none).</summary>
    public ReadOnlySpan<int> Table => _table;

    /// <summary>Arguments whose value is given outright instead of by the terms, ascending by argument.</summary>
    public IReadOnlyList<(int Oparg, int Value)> Cases
    {
        get
        {
            if (_caseOpargs is null)
            {
                return [];
            }

            var cases = new (int, int)[_caseOpargs.Length];
            for (var i = 0; i < cases.Length; i++)
            {
                cases[i] = (_caseOpargs[i], _caseValues![i]);
            }

            return cases;
        }
    }

    /// <summary>Whether the value depends on the argument at all.</summary>
    public bool DependsOnOparg => Arg != 0 || Lo != 0 || Hi != 0 || _table is not null || _caseOpargs is not null;

    /// <summary>This formula, except that for argument <paramref name="oparg"/> its value is <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oparg"/> is negative.</exception>
    public StackFormula WithCase(int oparg, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oparg);
        var cases = new SortedDictionary<int, int>();
        foreach (var (o, v) in Cases)
        {
            cases[o] = v;
        }

        cases[oparg] = value;
        return new StackFormula(this, cases.Keys.ToArray(), cases.Values.ToArray());
    }

    private StackFormula(StackFormula terms, int[] caseOpargs, int[] caseValues)
    {
        Base = terms.Base;
        Arg = terms.Arg;
        Lo = terms.Lo;
        Hi = terms.Hi;
        Mask = terms.Mask;
        _table = terms._table;
        _caseOpargs = caseOpargs;
        _caseValues = caseValues;
    }

    /// <summary>Evaluates the formula for an argument.</summary>
    /// <param name="oparg">The instruction's argument (0 for an opcode without one).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oparg"/> is negative.</exception>
    /// <exception cref="OverflowException">The result does not fit in an <see cref="int"/>.</exception>
    public int Evaluate(int oparg)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oparg);
        if (_caseOpargs is not null)
        {
            var i = Array.IndexOf(_caseOpargs, oparg);
            if (i >= 0)
            {
                return _caseValues![i];
            }
        }

        long value = Base + ((long)Arg * oparg) + ((long)Lo * (oparg & 0xFF)) + ((long)Hi * (oparg >> 8));
        if (_table is not null)
        {
            value += _table[oparg & Mask];
        }

        return checked((int)value);
    }

    /// <summary>The term-by-term sum of two formulas (used for pushes = pops + net effect).</summary>
    public static StackFormula operator +(StackFormula left, StackFormula right)
    {
        var terms = AddTerms(left, right);
        var sum = terms;
        foreach (var oparg in left.Cases.Select(c => c.Oparg).Union(right.Cases.Select(c => c.Oparg)))
        {
            // A case whose value the terms already give says nothing.
            var value = left.Evaluate(oparg) + right.Evaluate(oparg);
            if (value != terms.Evaluate(oparg))
            {
                sum = sum.WithCase(oparg, value);
            }
        }

        return sum;
    }

    private static StackFormula AddTerms(StackFormula left, StackFormula right)
    {
        if (left._table is null && right._table is null)
        {
            return new StackFormula(left.Base + right.Base, left.Arg + right.Arg, left.Lo + right.Lo, left.Hi + right.Hi);
        }

        // Index oparg & (lm | rm): both operands' indexes are recovered from it because each mask is a subset.
        var mask = left.Mask | right.Mask;
        var table = new int[mask + 1];
        for (var i = 0; i <= mask; i++)
        {
            table[i] = (left._table is null ? 0 : left._table[i & left.Mask]) + (right._table is null ? 0 : right._table[i & right.Mask]);
        }

        return new StackFormula(left.Base + right.Base, left.Arg + right.Arg, left.Lo + right.Lo, left.Hi + right.Hi, mask, table);
    }

    /// <summary>Whether two formulas have the same terms.</summary>
    public bool Equals(StackFormula other)
        => Base == other.Base && Arg == other.Arg && Lo == other.Lo && Hi == other.Hi && Mask == other.Mask
           && Table.SequenceEqual(other.Table) && Cases.SequenceEqual(other.Cases);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StackFormula other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Base);
        hash.Add(Arg);
        hash.Add(Lo);
        hash.Add(Hi);
        hash.Add(Mask);
        foreach (var t in Table)
        {
            hash.Add(t);
        }

        foreach (var c in Cases)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares formulas term by term.</summary>
    public static bool operator ==(StackFormula left, StackFormula right) => left.Equals(right);

    /// <summary>Compares formulas term by term.</summary>
    public static bool operator !=(StackFormula left, StackFormula right) => !left.Equals(right);

    /// <summary>
    /// The formula as an expression of <c>oparg</c>, e.g. <c>1 - oparg</c>, <c>(oparg &amp; 0xFF) + (oparg &gt;&gt; 8)</c> or
    /// <c>-1 (-2 if oparg == 3)</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Base != 0 || !DependsOnOparg)
        {
            text.Append(Base.ToString(CultureInfo.InvariantCulture));
        }

        AppendTerm(text, Arg, "oparg");
        AppendTerm(text, Lo, "(oparg & 0xFF)");
        AppendTerm(text, Hi, "(oparg >> 8)");
        if (_table is not null)
        {
            var lookup = "[" + string.Join(", ", _table.Select(t => t.ToString(CultureInfo.InvariantCulture))) + "][oparg & "
                         + Mask.ToString(CultureInfo.InvariantCulture) + "]";
            AppendTerm(text, 1, lookup);
        }

        if (_caseOpargs is not null)
        {
            text.Append(" (")
                .AppendJoin(", ", Cases.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} if oparg == {c.Oparg}")))
                .Append(')');
        }

        return text.ToString();
    }

    private static void AppendTerm(StringBuilder text, int coefficient, string term)
    {
        if (coefficient == 0)
        {
            return;
        }

        var magnitude = Math.Abs(coefficient) == 1 ? term : Math.Abs(coefficient).ToString(CultureInfo.InvariantCulture) + "*" + term;
        if (text.Length == 0)
        {
            text.Append(coefficient < 0 ? "-" : string.Empty).Append(magnitude);
        }
        else
        {
            text.Append(coefficient < 0 ? " - " : " + ").Append(magnitude);
        }
    }
}
