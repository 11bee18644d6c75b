using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Transforms;

namespace ByteFluent.Tests.Transforms;

/// <summary>
/// The sample modules of the transform tests, compiled by a real interpreter, rewritten by every transform and run
/// by the same interpreter (once per version, shared by the tests of that version).
/// </summary>
internal sealed class TransformSamples
{
    private static readonly Dictionary<string, Lazy<TransformSamples>> Cache = Interpreters.SupportedVersions
        .ToDictionary(v => v, v => new Lazy<TransformSamples>(() => new TransformSamples(v)));

    private TransformSamples(string version)
    {
        Version = version;
        var py = Interpreters.Get(version);
        var samplesDir = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Transforms", "Samples");
        var driver = Path.Combine(samplesDir, "transform_driver.py");
        Work = RepositoryPaths.BuildCache(Path.Combine("transform-tests", version));
        if (Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }

        var original = Path.Combine(Work, "original");
        Directory.CreateDirectory(original);
        var sources = SampleNames(version).Select(n => Path.Combine(samplesDir, n + ".py")).ToList();
        py.RunScript(driver, ["compile", original, .. sources], [Work, samplesDir]).EnsureSuccess($"compiling the samples with {version}");
        Originals = SampleNames(version).ToDictionary(n => n, n => PycFile.Load(Path.Combine(original, n + ".pyc")));

        var paths = new List<string>();
        foreach (var name in SampleNames(version))
        {
            paths.Add(Path.Combine(original, name + ".pyc"));
        }

        foreach (var transform in CodeTransforms.All)
        {
            var dir = Path.Combine(Work, transform.Name);
            Directory.CreateDirectory(dir);
            var files = new Dictionary<string, PycFile>();
            try
            {
                foreach (var (name, pyc) in Originals)
                {
                    CodeTransforms.Apply(transform, pyc).Save(Path.Combine(dir, name + ".pyc"));
                }
            }
            catch (TransformFailedException e)
            {
                // Recorded: the tests of this transform fail with it, the other transforms are still checked.
                Failures[transform.Name] = e;
                continue;
            }

            foreach (var name in Originals.Keys)
            {
                var path = Path.Combine(dir, name + ".pyc");
                files[name] = PycFile.Load(path);
                paths.Add(path);
            }

            Rewritten[transform.Name] = files;
        }

        var run = py.RunScript(driver, ["run", .. paths], [Work, samplesDir]);
        run.EnsureSuccess($"running the samples with {version}");
        Outputs = Split(run.StandardOutput);
    }

    public string Version { get; }

    public string Work { get; }

    /// <summary>The compiled samples, by name.</summary>
    public Dictionary<string, PycFile> Originals { get; }

    /// <summary>Transform name → sample name → the rewritten file as read back from disk.</summary>
    public Dictionary<string, Dictionary<string, PycFile>> Rewritten { get; } = [];

    /// <summary>Transforms that failed on a sample, and how.</summary>
    public Dictionary<string, TransformFailedException> Failures { get; } = [];

    /// <summary>The rewritten samples of a transform; rethrows its failure if it had one.</summary>
    public Dictionary<string, PycFile> Of(string transform) =>
        Failures.TryGetValue(transform, out var e) ? throw new InvalidOperationException($"{Version} {transform} failed: {e.Message}", e) : Rewritten[transform];

    /// <summary>Path of a compiled module → what running it printed.</summary>
    public Dictionary<string, string> Outputs { get; }

    public static TransformSamples For(string version) => Cache[version].Value;

    public static IEnumerable<string> SampleNames(string version)
    {
        var v = ByteFluent.Versions.PythonVersion.Parse(version);
        if (v.Major == 2)
        {
            yield return "sample2";
            yield break;
        }

        yield return "sample3";
        if (v >= ByteFluent.Versions.PythonVersion.V3_10)
        {
            yield return "sample310";
        }

        if (v >= ByteFluent.Versions.PythonVersion.V3_11)
        {
            yield return "sample311";
        }
    }

    public string OutputOf(string transform, string sample) =>
        Outputs[Path.Combine(Work, transform, sample + ".pyc")];

    /// <summary>Every code object of a module as the model sees it (nested ones included).</summary>
    public static IEnumerable<Code> Models(PycFile file)
    {
        var stack = new Stack<Code>();
        stack.Push(Code.FromCode(file.Code, file.Header.Version));
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            yield return c;
            foreach (var n in c.NestedCode)
            {
                stack.Push(n);
            }
        }
    }

    private static Dictionary<string, string> Split(string stdout)
    {
        var result = new Dictionary<string, string>();
        string? current = null;
        var text = new System.Text.StringBuilder();
        var text0 = stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var line in (text0.EndsWith('\n') ? text0[..^1] : text0).Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    result[current] = text.ToString();
                }

                current = line[4..];
                text.Clear();
            }
            else
            {
                text.Append(line).Append('\n');
            }
        }

        if (current is not null)
        {
            result[current] = text.ToString();
        }

        return result;
    }
}
