namespace ByteFluent.Tests.Portable;

/// <summary>
/// The closeness already reached, kept: every program of these categories must give exactly CPython's opcode sequence on
/// these versions (a change that loses it fails the suite). The gaps left are in README's Portable builder section.
/// </summary>
internal static class ClosenessFloor
{
    private static readonly string[] Classic = ["2.7", "3.6", "3.7", "3.8", "3.9"];

    private static readonly Dictionary<string, string[]> IdenticalOn = new(StringComparer.Ordinal)
    {
        ["straight"] = [.. Classic, "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"],
        ["calls"] = [.. Classic, "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"],
        ["control"] = [.. Classic, "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"],
        ["arith"] = [.. Classic, "3.11"],
        ["try"] = [.. Classic, "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"],
        ["with"] = [.. Classic, "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"],
    };

    public static void Check(IEnumerable<(string Version, string Program, string Category, bool Identical, int Distance, int Length)> rows, List<string> failures)
    {
        foreach (var r in rows)
        {
            if (!r.Identical && IdenticalOn.TryGetValue(r.Category, out var versions) && versions.Contains(r.Version, StringComparer.Ordinal))
            {
                failures.Add($"{r.Program} on {r.Version}: its opcodes no longer match CPython's compile() ({r.Category} is identical there; edit distance {r.Distance}; PORTABLE_DIFF={r.Program} shows where)");
            }
        }
    }
}
