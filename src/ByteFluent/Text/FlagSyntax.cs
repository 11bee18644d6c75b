using System.Globalization;
using ByteFluent.Versions;

namespace ByteFluent.Text;

/// <summary>
/// Bit sets written as names joined by <c>|</c>: code flags by the version's <c>CO_*</c> names without the prefix
/// (<c>OPTIMIZED|NEWLOCALS</c>), the 3.11+ kinds of a local (<c>local|cell</c>); bits without a name as hexadecimal
/// (<c>0x1000</c>); <c>0</c> for none.
/// </summary>
internal static class FlagSyntax
{
    private static readonly (string Name, int Value)[] LocalKindNames =
    [
        ("hidden", 0x10), ("local", 0x20), ("cell", 0x40), ("free", 0x80),
    ];

    /// <summary>The code flags of <paramref name="table"/>'s version as (name, value), prefix dropped.</summary>
    public static IEnumerable<(string Name, int Value)> CodeFlags(OpcodeTable table) =>
        table.CoFlags.Select(f => (f.Name.StartsWith("CO_", StringComparison.Ordinal) ? f.Name[3..] : f.Name, f.Value));

    /// <summary>The local kinds as (name, value).</summary>
    public static IEnumerable<(string Name, int Value)> LocalKinds => LocalKindNames;

    /// <summary>Writes <paramref name="value"/> with <paramref name="names"/>.</summary>
    public static string Format(int value, IEnumerable<(string Name, int Value)> names)
    {
        var parts = new List<string>();
        var rest = value;
        foreach (var (name, bit) in names)
        {
            if (bit != 0 && (bit & (bit - 1)) == 0 && (rest & bit) != 0)
            {
                parts.Add(name);
                rest &= ~bit;
            }
        }

        if (rest != 0)
        {
            parts.Add("0x" + rest.ToString("x", CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "0" : string.Join("|", parts);
    }

    /// <summary>Reads a bit set; null when a part is neither a known name nor a number (the part is returned in <paramref name="bad"/>).</summary>
    public static int? Parse(string text, IEnumerable<(string Name, int Value)> names, out string bad)
    {
        bad = string.Empty;
        var value = 0;
        foreach (var part in text.Split('|'))
        {
            var p = part.StartsWith("CO_", StringComparison.Ordinal) ? part[3..] : part;
            var named = names.Where(n => string.Equals(n.Name, p, StringComparison.OrdinalIgnoreCase)).Select(n => (int?)n.Value).FirstOrDefault();
            if (named is { } v)
            {
                value |= v;
            }
            else if (p.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && int.TryParse(p.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                value |= hex;
            }
            else if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var dec))
            {
                value |= dec;
            }
            else
            {
                bad = part;
                return null;
            }
        }

        return value;
    }
}
