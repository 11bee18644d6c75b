using System.Collections.Concurrent;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Model;

/// <summary>Per-version, per-field counts of code objects that do not survive FromCode → ToCode unchanged.</summary>
internal sealed class FidelityMeasure
{
    public int Files { get; private set; }

    public int CodeObjects { get; private set; }

    public int Identical { get; private set; }

    public int Errors { get; private set; }

    public ConcurrentDictionary<string, int> ByField { get; } = new();

    public ConcurrentBag<string> Samples { get; } = [];

    public static IEnumerable<string> NativeCorpus(string version)
    {
        var root = Interpreters.NativeStdlib(version);
        var tag = version == "2.7" ? null : ".cpython-" + version.Replace(".", string.Empty, StringComparison.Ordinal) + ".pyc";
        return Directory.EnumerateFiles(root, "*.pyc", SearchOption.AllDirectories)
            .Where(f => !f.Contains("site-packages", StringComparison.Ordinal))
            .Where(f => tag is null || f.EndsWith(tag, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    public static int HeaderSize(PythonVersion v) => v == PythonVersion.V2_7 ? 8 : v == PythonVersion.V3_6 ? 12 : 16;

    public static FidelityMeasure Run(PythonVersion version, IEnumerable<string> files)
    {
        var m = new FidelityMeasure();
        var list = files.ToList();
        int codeObjects = 0, identical = 0, errors = 0;
        Parallel.ForEach(list, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var data = File.ReadAllBytes(file);
            PyCode top;
            try
            {
                top = (PyCode)MarshalReader.Loads(data.AsSpan(HeaderSize(version)), version);
            }
            catch (PycFormatException)
            {
                return;
            }

            foreach (var co in top.SelfAndDescendants())
            {
                Interlocked.Increment(ref codeObjects);
                try
                {
                    var rebuilt = CodeFidelity.RoundTrip(co, version);
                    var diffs = CodeFidelity.Compare(co, rebuilt);
                    if (diffs.Count == 0)
                    {
                        Interlocked.Increment(ref identical);
                        continue;
                    }

                    foreach (var d in diffs)
                    {
                        m.ByField.AddOrUpdate(d, 1, (_, n) => n + 1);
                    }

                    if (m.Samples.Count < 40)
                    {
                        m.Samples.Add($"{file}:{co.Name.Value}:{co.FirstLineNo} [{string.Join(",", diffs)}]"
                            + (diffs.Contains("stacksize") ? $" stacksize {co.StackSize} -> {rebuilt.StackSize}" : string.Empty));
                    }
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    if (m.Samples.Count < 40)
                    {
                        m.Samples.Add($"{file}:{co.Name.Value}:{co.FirstLineNo} ERROR {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        });
        m.Files = list.Count;
        m.CodeObjects = codeObjects;
        m.Identical = identical;
        m.Errors = errors;
        return m;
    }

    public override string ToString() =>
        $"files {Files}, code objects {CodeObjects}, identical {Identical}, errors {Errors}; by field: "
        + string.Join(", ", ByField.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + "\n" + string.Join("\n", Samples.Take(25));
}
