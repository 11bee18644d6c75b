using System.Collections.Concurrent;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Flow;

/// <summary>Sample functions for the graph tests, compiled by each version's real interpreter (once per run).</summary>
internal static class FlowSamples
{
    /// <summary>
    /// docs/cfg/example.py: a for loop with a branch, a continue and a try/except (the function docs/cfg.md draws), and a
    /// while loop with break and else.
    /// </summary>
    public static string Source => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "cfg", "example.py"));

    /// <summary>Calls whose printed results show the behaviour of <see cref="Source"/>.</summary>
    public const string Calls = "print('%d %d %d %d' % (classify([1, -2, 0, 5, 3]), search([4, 5, 6], 6), search([4], 7), search([], 1)))";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Compiled = new();

    /// <summary>The folder holding <c>sample.py</c>, <c>sample.pyc</c> and <c>sample.marshal</c> compiled by <paramref name="version"/>.</summary>
    public static string Folder(string version) => Compiled.GetOrAdd(version, v => new Lazy<string>(() => Compile(v, "flow-samples", Source))).Value;

    /// <summary>
    /// tests/ByteFluent.Tests/Flow/protected_blocks.py (nested try/except/finally, a with, a break and a return inside
    /// protected blocks, with <c>main()</c> printing what they do), compiled by <paramref name="version"/>.
    /// </summary>
    public static Code ProtectedModule(string version)
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Flow", "protected_blocks.py"));
        var dir = Compiled.GetOrAdd("protected-" + version, _ => new Lazy<string>(() => Compile(version, "flow-protected", source))).Value;
        var v = PythonVersion.Parse(version);
        return Code.FromCode((PyCode)MarshalReader.Loads(File.ReadAllBytes(Path.Combine(dir, "sample.marshal")), v), v);
    }

    /// <summary>Runs a marshalled module in the version's interpreter and returns what <paramref name="call"/> prints.</summary>
    public static string RunCall(string version, PyCode module, string tag, string call)
    {
        var dir = Folder(version);
        var bin = Path.Combine(dir, tag + ".marshal");
        File.WriteAllBytes(bin, MarshalWriter.Dumps(module, PythonVersion.Parse(version)));
        var script = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Model", "run_marshal.py");
        return Interpreters.Get(version).RunScript(script, [bin, call], [dir]).EnsureSuccess($"running {tag} under {version}");
    }

    /// <summary>The .pyc of the sample module.</summary>
    public static string Pyc(string version) => Path.Combine(Folder(version), "sample.pyc");

    /// <summary>The sample module as a model.</summary>
    public static Code Module(string version)
    {
        var v = PythonVersion.Parse(version);
        return Code.FromCode((PyCode)MarshalReader.Loads(File.ReadAllBytes(Path.Combine(Folder(version), "sample.marshal")), v), v);
    }

    /// <summary>One function of the sample module.</summary>
    public static Code Function(Code module, string name) => module.NestedCode.Single(c => c.Name.Value == name);

    /// <summary>Runs a marshalled module in the version's interpreter and returns what <see cref="Calls"/> prints.</summary>
    public static string Run(string version, PyCode module, string tag) => RunCall(version, module, tag, Calls);

    private static string Compile(string version, string cache, string source)
    {
        var dir = Path.Combine(RepositoryPaths.BuildCache(cache), version);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "sample.py"), source);
        File.WriteAllText(Path.Combine(dir, "compile.py"), """
            import marshal, os, py_compile, sys
            d = sys.argv[1]
            src = os.path.join(d, 'sample.py')
            py_compile.compile(src, cfile=os.path.join(d, 'sample.pyc'), dfile='sample.py', doraise=True)
            with open(src) as f:
                code = compile(f.read(), 'sample.py', 'exec')
            with open(os.path.join(d, 'sample.marshal'), 'wb') as f:
                f.write(marshal.dumps(code))
            """);
        Interpreters.Get(version).RunScript(Path.Combine(dir, "compile.py"), [dir], [dir]).EnsureSuccess($"compiling the flow samples under {version}");
        return dir;
    }
}
