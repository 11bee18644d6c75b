namespace ByteFluent.Cli.Roundtrip;

/// <summary>Finds .pyc files under the paths given on the command line.</summary>
internal static class PycFinder
{
    /// <summary>Every .pyc under the folders, plus the files given directly; sorted, without duplicates.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                found.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                foreach (var f in Directory.EnumerateFiles(path, "*.pyc", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
                {
                    found.Add(Path.GetFullPath(f));
                }
            }
        }

        return [.. found];
    }
}
