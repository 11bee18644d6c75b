namespace ByteFluent.Tests.Portable;

/// <summary>Debugging aid of the portable suite: run only some versions (the closeness diffs are <see cref="ClosenessDiff"/>).</summary>
internal static class PortableSuiteVersions
{
    /// <summary>The versions the suite runs: all, or those listed in <c>PORTABLE_VERSIONS</c> (comma-separated, for debugging only).</summary>
    public static IEnumerable<string> Versions(IEnumerable<string> all)
    {
        var only = Environment.GetEnvironmentVariable("PORTABLE_VERSIONS");
        if (string.IsNullOrWhiteSpace(only))
        {
            return all;
        }

        var wanted = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return all.Where(wanted.Contains);
    }
}
