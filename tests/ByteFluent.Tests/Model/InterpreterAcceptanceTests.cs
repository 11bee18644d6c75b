using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Model;

/// <summary>
/// Whole modules rebuilt through the model (nested code objects included) are loaded by the real interpreter with
/// <c>marshal.loads</c> and compare <c>==</c> to the interpreter's own code objects.
/// </summary>
public sealed class InterpreterAcceptanceTests
{
    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void RebuiltModulesLoadAndEqualTheOriginalsInTheInterpreter(string version)
    {
        var v = PythonVersion.Parse(version);
        var work = Path.Combine(RepositoryPaths.BuildCache("codemodel-accept"), version);
        Directory.CreateDirectory(work);

        // A spread of modules: every 40th file of the corpus (plain optimization level only where there are several).
        var files = Corpora.PycFiles(version).Where(f => !f.Contains(".opt-", StringComparison.Ordinal)).Where((_, i) => i % 40 == 0).ToList();
        Assert.True(files.Count > 10);
        var pairs = new List<string>();
        foreach (var file in files)
        {
            var pyc = PycFile.Load(file);
            var rebuilt = Code.FromCode(pyc.Code, v).ToCode();
            var local = Path.Combine(work, pairs.Count + ".pyc");
            var outPath = Path.Combine(work, pairs.Count + ".rebuilt.pyc");
            File.Copy(file, local, overwrite: true);

            // Written with the layout read from the original (which marshal type codes, references), as a .pyc.
            File.WriteAllBytes(outPath, (pyc with { Value = rebuilt }).ToBytes());
            pairs.Add(local + "\t" + outPath);
        }

        var list = Path.Combine(work, "pairs.txt");
        File.WriteAllLines(list, pairs);
        var script = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Model", "compare_code.py");
        var run = Interpreters.Get(version).RunScript(script, [list], [work]);
        var outputLines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(files.Count, outputLines.Length);
        Assert.True(run.ExitCode == 0, string.Join("\n", outputLines.Where(l => l.StartsWith("DIFFERENT", StringComparison.Ordinal))) + run.StandardError);
    }
}
