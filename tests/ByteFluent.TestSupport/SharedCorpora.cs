namespace ByteFluent.TestSupport;

/// <summary>
/// The shared corpora of .pyc files compiled by real CPython 1.0–3.12 and PyPy interpreters (collected by two public
/// decompiler projects; see their README there): <c>../shared/corpora</c> seen from the repository's root, or from
/// any folder above it (a git worktree), or the folder named by <c>BYTEFLUENT_SHARED_CORPORA</c>. Read in place,
/// never copied.
/// </summary>
public static class SharedCorpora
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<string>> FilesLazy = new(FindFiles);

    /// <summary>The corpora folder.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>Every .pyc under <see cref="Root"/>, sorted by relative path.</summary>
    public static IReadOnlyList<string> PycFiles => FilesLazy.Value;

    /// <summary>The path of <paramref name="file"/> relative to <see cref="Root"/>, with '/' separators.</summary>
    public static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    private static string FindRoot()
    {
        var named = Environment.GetEnvironmentVariable("BYTEFLUENT_SHARED_CORPORA");
        if (!string.IsNullOrEmpty(named))
        {
            return Directory.Exists(named) ? named : throw new DirectoryNotFoundException($"BYTEFLUENT_SHARED_CORPORA names {named}, which does not exist.");
        }

        for (var dir = new DirectoryInfo(RepositoryPaths.Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "corpora");
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException($"No shared/corpora beside {RepositoryPaths.Root} or any folder above it.");
    }

    private static IReadOnlyList<string> FindFiles()
    {
        var files = Directory.EnumerateFiles(Root, "*.pyc", SearchOption.AllDirectories)
            .OrderBy(f => Relative(f), StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new InvalidDataException($"No .pyc files under {Root}.");
    }
}
