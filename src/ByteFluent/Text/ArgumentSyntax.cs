using System.Globalization;
using ByteFluent.Versions;

namespace ByteFluent.Text;

/// <summary>Arguments the version names (BINARY_OP operators, intrinsics, MAKE_FUNCTION flags, …) read from a word.</summary>
internal static class NamedArgSyntax
{
    private static readonly HashSet<string> FlagOpcodes = ["MAKE_FUNCTION", "SET_FUNCTION_ATTRIBUTE"];

    /// <summary>The value <paramref name="text"/> names for <paramref name="op"/> (a name, a symbol, flags joined by <c>|</c>, or a number); null when none.</summary>
    public static int? TryParse(Opcode op, string text)
    {
        foreach (var n in op.ArgumentNames)
        {
            if (n.Name == text || n.Symbol == text)
            {
                return n.Value;
            }
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (FlagOpcodes.Contains(op.Name) && text.Contains('|', StringComparison.Ordinal))
        {
            var value = 0;
            foreach (var part in text.Split('|'))
            {
                var match = op.ArgumentNames.FirstOrDefault(n => n.Name == part);
                if (match is null)
                {
                    return null;
                }

                value |= match.Value;
            }

            return value;
        }

        return null;
    }

    /// <summary>The accepted names of <paramref name="op"/>'s argument, for messages.</summary>
    public static string Choices(Opcode op) =>
        string.Join(", ", op.ArgumentNames.Select(n => n.Symbol is { Length: > 0 } s ? s : n.Name).Distinct().Take(12))
        + (op.ArgumentNames.Count > 12 ? ", …" : string.Empty);
}

/// <summary>COMPARE_OP's low bits from 3.12: the mask of outcomes CPython's compiler gives each operator.</summary>
internal static class ComparisonSyntax
{
    // COMPARISON_UNORDERED 1, LESS_THAN 2, GREATER_THAN 4, EQUALS 8 (CPython's compare_masks).
    private static readonly Dictionary<string, int> Masks = new()
    {
        ["<"] = 2, ["<="] = 2 | 8, ["=="] = 8, ["!="] = 1 | 2 | 4, [">"] = 4, [">="] = 4 | 8,
    };

    /// <summary>The mask CPython's compiler writes for <paramref name="op"/> (0 for an unknown operator).</summary>
    public static int DefaultMask(string op) => Masks.TryGetValue(op, out var m) ? m : 0;
}
