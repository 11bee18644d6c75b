using System.Globalization;
using System.Numerics;
using System.Text;

namespace ByteFluent.Marshal;

/// <summary>
/// Decimal text of integers of any size in subquadratic time. <see cref="BigInteger.ToString()"/> is quadratic in
/// the number of digits (a constant such as <c>7**1200000</c>, a million digits, takes minutes); splitting by
/// powers 10^(B·2^k) and converting the halves recursively costs about as much as the division, which .NET does
/// in subquadratic time. Small values use <see cref="BigInteger.ToString()"/> directly.
/// </summary>
internal static class BigDecimal
{
    private const int BaseDigits = 2048;

    /// <summary>Appends the decimal digits of <paramref name="value"/> (with a leading '-' when negative).</summary>
    public static StringBuilder Append(StringBuilder sb, BigInteger value)
    {
        if (value.Sign < 0)
        {
            sb.Append('-');
            value = BigInteger.Negate(value);
        }

        // About 3.32 bits per digit: below some 10,000 digits the built-in conversion is fast enough.
        if (value.GetBitLength() < 32_000)
        {
            return sb.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        var powers = new List<BigInteger> { BigInteger.Pow(10, BaseDigits) };
        while (powers[^1].GetBitLength() * 2 <= value.GetBitLength() + 1)
        {
            powers.Add(powers[^1] * powers[^1]);
        }

        Write(sb, value, powers, powers.Count - 1, pad: 0);
        return sb;
    }

    /// <summary>The decimal text of <paramref name="value"/>.</summary>
    public static string ToString(BigInteger value) => Append(new StringBuilder(), value).ToString();

    // Writes value < powers[level + 1] (or any value at the top), left-padded with zeros to pad digits.
    private static void Write(StringBuilder sb, BigInteger value, List<BigInteger> powers, int level, long pad)
    {
        if (level < 0)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (pad > text.Length)
            {
                sb.Append('0', (int)(pad - text.Length));
            }

            sb.Append(text);
            return;
        }

        var lowDigits = (long)BaseDigits << level;
        var high = BigInteger.DivRem(value, powers[level], out var low);
        if (high.IsZero && pad == 0)
        {
            Write(sb, low, powers, level - 1, 0);
            return;
        }

        Write(sb, high, powers, level - 1, pad > lowDigits ? pad - lowDigits : 0);
        Write(sb, low, powers, level - 1, lowDigits);
    }
}
