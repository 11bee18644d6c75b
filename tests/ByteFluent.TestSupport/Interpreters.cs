using System.Diagnostics;

namespace ByteFluent.TestSupport;

/// <summary>
/// Finds the real interpreters on this machine: 2.7 and 3.6–3.13 from pyenv, 3.14 and 3.15 through pyodide
/// (installed by <c>npm ci</c> in <c>tools/pyodide</c>; run here on first use if the packages are missing).
/// A missing interpreter is an error, never a skip.
/// </summary>
public static class Interpreters
{
    /// <summary>Every version ByteFluent supports, oldest first.</summary>
    public static readonly IReadOnlyList<string> SupportedVersions =
        ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"];

    /// <summary>The versions installed natively by pyenv.</summary>
    public static readonly IReadOnlyList<string> NativeVersions = SupportedVersions.Take(9).ToArray();

    /// <summary>The versions run through pyodide.</summary>
    public static readonly IReadOnlyList<string> PyodideVersions = ["3.14", "3.15"];

    private static readonly Lazy<IReadOnlyDictionary<string, PythonInterpreter>> All = new(FindAll);
    private static readonly object NpmLock = new();
    private static readonly Lazy<PythonInterpreter> PyPyLazy = new(() => new PythonInterpreter(
        3, 9, InterpreterKind.Native, FindOnPath("pypy3") ?? throw new FileNotFoundException("pypy3 (PyPy 3.9) is not on PATH; tools/install-deps.sh installs it.")));

    /// <summary>PyPy 3.9: Debian's <c>pypy3</c> on PATH (installed by tools/install-deps.sh).</summary>
    public static PythonInterpreter PyPy => PyPyLazy.Value;

    /// <summary>The folder holding the pyodide packages and the Node.js driver.</summary>
    public static string PyodideFolder => Path.Combine(RepositoryPaths.Tools, "pyodide");

    /// <summary>Versions as xunit theory data.</summary>
    public static TheoryRows Versions => new(SupportedVersions);

    /// <summary>The interpreter of "X.Y"; throws when it is not installed.</summary>
    public static PythonInterpreter Get(string version)
    {
        if (!All.Value.TryGetValue(version, out var interpreter))
        {
            throw new FileNotFoundException($"Python {version} was not found (pyenv root: {PyenvRoot()}).");
        }

        if (interpreter.Kind == InterpreterKind.Pyodide)
        {
            EnsurePyodideInstalled();
        }

        return interpreter;
    }

    /// <summary>The root folder of pyenv.</summary>
    public static string PyenvRoot()
    {
        var env = Environment.GetEnvironmentVariable("PYENV_ROOT");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
    }

    /// <summary>The standard-library folder of a native interpreter (<c>lib/pythonX.Y</c>).</summary>
    public static string NativeStdlib(string version)
    {
        var exe = Get(version).Executable;
        return Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(exe)!)!, "lib", "python" + version);
    }

    private static IReadOnlyDictionary<string, PythonInterpreter> FindAll()
    {
        var found = new Dictionary<string, PythonInterpreter>();
        var versionsDir = Path.Combine(PyenvRoot(), "versions");
        if (Directory.Exists(versionsDir))
        {
            foreach (var dir in Directory.GetDirectories(versionsDir).Order(StringComparer.Ordinal))
            {
                var parts = Path.GetFileName(dir).Split('.');
                if (parts.Length != 3 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || !int.TryParse(parts[2], out _))
                {
                    continue;
                }

                var key = $"{major}.{minor}";
                var exe = Path.Combine(dir, "bin", "python");
                if (NativeVersions.Contains(key) && File.Exists(exe))
                {
                    found[key] = new PythonInterpreter(major, minor, InterpreterKind.Native, exe);
                }
            }
        }

        var node = FindOnPath("node");
        if (node is not null)
        {
            found["3.14"] = new PythonInterpreter(3, 14, InterpreterKind.Pyodide, node);
            found["3.15"] = new PythonInterpreter(3, 15, InterpreterKind.Pyodide, node);
        }

        return found;
    }

    private static void EnsurePyodideInstalled()
    {
        lock (NpmLock)
        {
            if (Directory.Exists(Path.Combine(PyodideFolder, "node_modules", "pyodide314"))
                && Directory.Exists(Path.Combine(PyodideFolder, "node_modules", "pyodide315")))
            {
                return;
            }

            var npm = FindOnPath("npm") ?? throw new FileNotFoundException("npm is needed to install pyodide (tools/pyodide).");
            var psi = new ProcessStartInfo(npm, "ci --no-audit --no-fund") { WorkingDirectory = PyodideFolder, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {PyodideFolder} failed with exit code {p.ExitCode}.");
            }
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A list of strings usable as xunit <c>MemberData</c> (one argument per row).</summary>
public sealed class TheoryRows(IEnumerable<string> values) : IEnumerable<object[]>
{
    /// <inheritdoc/>
    public IEnumerator<object[]> GetEnumerator() => values.Select(v => new object[] { v }).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
