using System.Collections.Concurrent;
using System.Text.Json;

namespace ByteFluent.TestSupport;

/// <summary>
/// The .pyc test corpora, one per supported version:
/// <list type="bullet">
/// <item>2.7 and 3.6–3.13: the compiled standard library the pyenv interpreter shipped, under
/// <see cref="Interpreters.NativeStdlib"/> (2.7: <c>*.pyc</c> beside the sources; 3.x: <c>__pycache__/*.cpython-3X*.pyc</c>,
/// all optimization levels), <c>test/</c> included, <c>site-packages</c> excluded. Nothing is generated there.</item>
/// <item>3.14 and 3.15: pyodide's standard-library sources compiled inside pyodide by
/// <c>tools/pyodide/compile-stdlib.py</c> into <c>.build/corpus-3.X</c>, made on first use and cached (rebuilt when
/// its completion marker is missing).</item>
/// </list>
/// </summary>
public static class Corpora
{
    private const string Marker = "corpus.json";
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<string>>> Cache = new();

    /// <summary>The .pyc files of <paramref name="version"/>'s corpus, sorted by path.</summary>
    public static IReadOnlyList<string> PycFiles(string version) =>
        Cache.GetOrAdd(version, v => new Lazy<IReadOnlyList<string>>(() => Find(v))).Value;

    /// <summary>The folder the corpus of <paramref name="version"/> lives in.</summary>
    public static string Folder(string version) => Interpreters.PyodideVersions.Contains(version)
        ? RepositoryPaths.BuildCache("corpus-" + version)
        : Interpreters.NativeStdlib(version);

    private static IReadOnlyList<string> Find(string version)
    {
        if (Interpreters.PyodideVersions.Contains(version))
        {
            return FindPyodide(version);
        }

        var root = Interpreters.NativeStdlib(version);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The standard library of Python {version} is not at {root}.");
        }

        var sitePackages = Path.DirectorySeparatorChar + "site-packages" + Path.DirectorySeparatorChar;
        var tag = "cpython-" + version.Replace(".", string.Empty, StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(root, "*.pyc", SearchOption.AllDirectories)
            .Where(f => !f.Contains(sitePackages, StringComparison.Ordinal))
            .Where(f => version == "2.7"
                || (Path.GetFileName(Path.GetDirectoryName(f)) == "__pycache__" && Path.GetFileName(f).Contains(tag, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new InvalidDataException($"No .pyc files under {root}.");
        }

        return files;
    }

    private static IReadOnlyList<string> FindPyodide(string version)
    {
        var dir = RepositoryPaths.BuildCache("corpus-" + version);
        var marker = Path.Combine(dir, Marker);
        if (!File.Exists(marker))
        {
            Build(version, dir, marker);
        }

        var files = Directory.EnumerateFiles(dir, "*.pyc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        using var doc = JsonDocument.Parse(File.ReadAllText(marker));
        var expected = doc.RootElement.GetProperty("written").GetInt32();
        if (files.Length != expected)
        {
            // A damaged cache: start again.
            File.Delete(marker);
            Build(version, dir, marker);
            files = Directory.EnumerateFiles(dir, "*.pyc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        }

        return files;
    }

    private static void Build(string version, string dir, string marker)
    {
        foreach (var sub in Directory.GetDirectories(dir))
        {
            Directory.Delete(sub, recursive: true);
        }

        var script = Path.Combine(RepositoryPaths.Tools, "pyodide", "compile-stdlib.py");
        var output = Interpreters.Get(version).RunScript(script, [dir], [dir], TimeSpan.FromMinutes(10))
            .EnsureSuccess($"compiling the standard library of Python {version} in pyodide");
        var json = output.Trim().Split('\n')[^1];
        using (var doc = JsonDocument.Parse(json))
        {
            if (doc.RootElement.GetProperty("written").GetInt32() == 0)
            {
                throw new InvalidDataException($"compile-stdlib.py wrote no .pyc files for {version}: {json}");
            }
        }

        File.WriteAllText(marker, json);
    }
}
