namespace ByteFluent.TestSupport;

/// <summary>Locates the repository's folders from a test's output directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds <c>ByteFluent.sln</c>.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The checked-in opcode tables read by the source generator.</summary>
    public static string OpcodeTables => Path.Combine(Root, "src", "ByteFluent", "Versions", "Tables");

    /// <summary>The project's scripts and their npm packages.</summary>
    public static string Tools => Path.Combine(Root, "tools");

    /// <summary>A build folder for caches the test run makes itself (git-ignored), created on demand.</summary>
    public static string BuildCache(string name)
    {
        var dir = Path.Combine(Root, ".build", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ByteFluent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ByteFluent.sln above {AppContext.BaseDirectory}.");
    }
}
