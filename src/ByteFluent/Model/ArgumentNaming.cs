using System.Globalization;
using ByteFluent.Versions;

namespace ByteFluent.Model;

/// <summary>Turns a numeric argument into the words the version's <c>dis</c> uses for it.</summary>
internal static class ArgumentNaming
{
    private static readonly HashSet<string> FlagOpcodes = ["MAKE_FUNCTION", "SET_FUNCTION_ATTRIBUTE"];

    public static string Describe(Opcode op, int value)
    {
        var names = op.ArgumentNames;
        foreach (var n in names)
        {
            if (n.Value == value)
            {
                return n.Symbol is { Length: > 0 } s ? s : n.Name;
            }
        }

        if (FlagOpcodes.Contains(op.Name))
        {
            var parts = names.Where(n => n.Value != 0 && (value & n.Value) == n.Value).Select(n => n.Name).ToList();
            var covered = names.Where(n => (value & n.Value) == n.Value).Aggregate(0, (a, n) => a | n.Value);
            if (covered == value && parts.Count > 0)
            {
                return string.Join("|", parts);
            }
        }

        if (op.Name == "FORMAT_VALUE")
        {
            var conversion = names.FirstOrDefault(n => n.Value == (value & 3))?.Name ?? string.Empty;
            var spec = (value & 4) != 0 ? "with format" : string.Empty;
            return string.Join(", ", new[] { conversion, spec }.Where(s => s.Length > 0));
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }
}
