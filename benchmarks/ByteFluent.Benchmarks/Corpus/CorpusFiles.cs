using ByteFluent.Pyc;
using ByteFluent.TestSupport;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>The files of one benchmark run, read into memory once and shared by every stage.</summary>
internal sealed class CorpusFiles
{
    private CorpusFiles(string version, string description, IReadOnlyList<string> paths)
    {
        Version = version;
        Description = description;
        Paths = paths;
        Blobs = [.. paths.Select(File.ReadAllBytes)];
        Bytes = Blobs.Sum(b => (long)b.Length);
        HeaderSize = PycFile.Read(Blobs[0]).Header.Size;
    }

    public string Version { get; }

    public string Description { get; }

    public IReadOnlyList<string> Paths { get; }

    public byte[][] Blobs { get; }

    public long Bytes { get; }

    public int HeaderSize { get; }

    /// <summary>Selects the corpus of <paramref name="version"/> (see <see cref="CorpusOptions.Usage"/>), optionally <paramref name="sample"/> files spread evenly.</summary>
    public static CorpusFiles Select(string version, string corpus, int sample)
    {
        IReadOnlyList<string> all;
        string description;
        if (Directory.Exists(corpus))
        {
            all = [.. Directory.EnumerateFiles(corpus, "*.pyc", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
            description = Path.GetFullPath(corpus);
        }
        else
        {
            var stdlib = Interpreters.NativeStdlib(version);
            var testPackage = Path.Combine(stdlib, "test") + Path.DirectorySeparatorChar;
            var files = Corpora.PycFiles(version);
            (all, description) = corpus switch
            {
                "all-levels" => (files, "standard library with test/, every optimization level"),
                "stdlib" => ([.. files.Where(OneLevel)], "standard library with test/, one optimization level"),
                "stdlib-no-test" => ([.. files.Where(OneLevel).Where(f => !f.StartsWith(testPackage, StringComparison.Ordinal))],
                    "standard library without test/, one optimization level"),
                _ => throw new ArgumentException($"unknown corpus '{corpus}' (stdlib, stdlib-no-test, all-levels or a folder)"),
            };
        }

        if (all.Count == 0)
        {
            throw new ArgumentException($"no .pyc files in the corpus '{corpus}' of {version}");
        }

        if (sample > 0 && sample < all.Count)
        {
            // Evenly spread, so that a smoke run sees small and large modules of several packages.
            all = [.. Enumerable.Range(0, sample).Select(i => all[(int)((long)i * all.Count / sample)])];
            description += $", {sample} files spread evenly";
        }

        return new CorpusFiles(version, description, all);
    }

    // 3.x: the plain .cpython-3X.pyc (not .opt-1/.opt-2); 2.7 has one .pyc per module already.
    private static bool OneLevel(string path) => !Path.GetFileName(path).Contains(".opt-", StringComparison.Ordinal);
}
