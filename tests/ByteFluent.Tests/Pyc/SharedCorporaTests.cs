using System.Diagnostics;
using ByteFluent.TestSupport;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Pyc;

/// <summary>
/// Every file of the shared corpora (CPython 1.0–3.12 and PyPy, compiled by the real interpreters): read and written
/// back byte-identical, and every code object rebuilt through the model identical in every field. Prints the figures
/// per magic number; every exception must be listed, with its reason, in docs/fidelity/corpora.txt (and every listed
/// one must still occur), so a fix or a regression shows here until the list is regenerated with
/// <c>BYTEFLUENT_UPDATE_FIDELITY=1</c>.
/// </summary>
public sealed class SharedCorporaTests(ITestOutputHelper output)
{
    private static string ListPath => Path.Combine(RepositoryPaths.Root, "docs", "fidelity", "corpora.txt");

    [Fact]
    public void EveryCorpusFileAndCodeObjectRoundTrips()
    {
        var files = SharedCorpora.PycFiles;
        var clock = Stopwatch.StartNew();
        var m = SharedCorpusMeasure.Run(files);
        output.WriteLine($"{files.Count} files under {SharedCorpora.Root}, {clock.Elapsed.TotalSeconds:F1}s");
        output.WriteLine(m.Table());
        Assert.True(files.Count > 1000, $"only {files.Count} files");

        var measured = m.Exceptions.Order(StringComparer.Ordinal).ToList();
        var listed = ReadList();
        if (Environment.GetEnvironmentVariable("BYTEFLUENT_UPDATE_FIDELITY") == "1")
        {
            WriteList(measured, listed, m.Table());
            output.WriteLine($"wrote {ListPath}");
            return;
        }

        var unlisted = measured.Where(l => !listed.ContainsKey(l)).ToList();
        var stale = listed.Keys.Where(l => !measured.Contains(l)).ToList();
        foreach (var l in measured)
        {
            output.WriteLine("exception: " + l + (listed.TryGetValue(l, out var r) ? "\t" + r : string.Empty));
        }

        Assert.True(unlisted.Count == 0 && stale.Count == 0,
            $"the corpus exceptions differ from {ListPath} ({unlisted.Count} not listed, {stale.Count} listed but not measured); "
            + "regenerate with BYTEFLUENT_UPDATE_FIDELITY=1 and give each new line its reason.\nnot listed:\n  "
            + string.Join("\n  ", unlisted.Take(30)) + "\nlisted, not measured:\n  " + string.Join("\n  ", stale.Take(30)));
        Assert.DoesNotContain(listed.Values, r => r.Length == 0 || r == Unexplained);
    }

    private const string Unexplained = "UNEXPLAINED";

    /// <summary>Listed exception (the first four columns) → its reason (the fifth).</summary>
    private static Dictionary<string, string> ReadList()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(ListPath))
        {
            return result;
        }

        foreach (var line in File.ReadAllLines(ListPath))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cut = line.LastIndexOf('\t');
            result[line[..cut]] = line[(cut + 1)..];
        }

        return result;
    }

    private static void WriteList(IEnumerable<string> measured, Dictionary<string, string> listed, string table)
    {
        var header = new List<string>
        {
            "# Shared corpora (../shared/corpora): every file that is not read and written back byte-identical, and every code",
            "# object not rebuilt identical in every field, with the reason. Checked by SharedCorporaTests; regenerate with",
            "#   BYTEFLUENT_UPDATE_FIDELITY=1 dotnet test tests/ByteFluent.Tests --filter \"FullyQualifiedName~SharedCorporaTests\"",
            "# and write the reason of each new line in place of " + Unexplained + ".",
            "# Columns (tab-separated): corpus-relative file, level (read, file, code), code object (qualified name:first line), detail, reason.",
            "#",
        };
        header.AddRange(table.Split('\n').Select(l => "# " + l));
        File.WriteAllLines(ListPath, header.Concat(measured.Select(l => l + "\t" + (listed.TryGetValue(l, out var r) ? r : Unexplained))));
    }
}
