using System.Collections.Concurrent;
using System.Diagnostics;
using ByteFluent.Pyc;

namespace ByteFluent.Transforms;

/// <summary>
/// Applies a transform to one .pyc file or to every .pyc (and 2.7 .pyo) file of a folder tree, writing the results
/// under an output folder with the same relative layout, in parallel. The source is only read; each output file is
/// written atomically. A file that fails is reported in the summary and not written.
/// </summary>
public static class PycRewriter
{
    /// <summary>Rewrites the file <paramref name="source"/> into the file <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">Both paths name the same file.</exception>
    public static RewriteSummary RewriteFile(string source, string output, ICodeTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        if (SamePath(source, output))
        {
            throw new ArgumentException($"the output {output} is the source itself; the source is never modified", nameof(output));
        }

        return Run([(source, output)], transform, new RewriteOptions());
    }

    /// <summary>Rewrites every .pyc under <paramref name="sourceDir"/> into the same relative path under <paramref name="outputDir"/>.</summary>
    /// <exception cref="ArgumentException">The output folder is the source folder or inside it.</exception>
    public static RewriteSummary RewriteTree(string sourceDir, string outputDir, ICodeTransform transform, RewriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var src = Path.GetFullPath(sourceDir);
        var dst = Path.GetFullPath(outputDir);
        if (SamePath(src, dst) || dst.StartsWith(src.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the output folder {outputDir} is inside the source folder {sourceDir}; the source is never modified", nameof(outputDir));
        }

        var files = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(IsCompiledFile)
            .Order(StringComparer.Ordinal)
            .Select(f => (f, Path.Combine(dst, Path.GetRelativePath(src, f))))
            .ToList();
        return Run(files, transform, options ?? new RewriteOptions());
    }

    /// <summary>Whether the path names a compiled module (<c>.pyc</c>, or 2.7's optimized <c>.pyo</c>).</summary>
    public static bool IsCompiledFile(string path) =>
        path.EndsWith(".pyc", StringComparison.Ordinal) || path.EndsWith(".pyo", StringComparison.Ordinal);

    private static RewriteSummary Run(IReadOnlyList<(string Source, string Output)> files, ICodeTransform transform, RewriteOptions options)
    {
        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentBag<RewriteFailure>();
        var byVersion = new ConcurrentDictionary<string, VersionTally>(StringComparer.Ordinal);
        int done = 0, changed = 0, identical = 0, codeObjects = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.ForEach(files, parallel, pair =>
        {
            var tally = byVersion.GetOrAdd(string.Empty, _ => new VersionTally(null));
            try
            {
                var original = PycFile.Load(pair.Source);
                tally = byVersion.GetOrAdd(original.Header.Version.ToString(), _ => new VersionTally(original.Header.Version));
                var rewritten = CodeTransforms.Apply(transform, original);
                var bytes = rewritten.ToBytes();
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pair.Output))!);
                AtomicFile.WriteAllBytes(pair.Output, bytes);
                var objects = original.Code.SelfAndDescendants().Count();
                Interlocked.Add(ref codeObjects, objects);
                Interlocked.Add(ref tally.CodeObjects, objects);
                var same = ReferenceEquals(rewritten.Value, original.Value) || rewritten.Value.Equals(original.Value);
                Interlocked.Increment(ref same ? ref identical : ref changed);
                Interlocked.Increment(ref same ? ref tally.Identical : ref tally.Changed);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add(new RewriteFailure(pair.Source, $"{e.GetType().Name}: {e.Message}"));
                Interlocked.Increment(ref tally.Failed);
            }

            Interlocked.Increment(ref tally.Files);

            var n = Interlocked.Increment(ref done);
            options.Progress?.Report(new RewriteProgress(n, files.Count, pair.Source));
        });
        return new RewriteSummary(files.Count, changed, identical, codeObjects,
            [.. failures.OrderBy(f => f.Path, StringComparer.Ordinal)], clock.Elapsed)
        {
            ByVersion =
            [
                .. byVersion.Values.Where(t => t.Files > 0).OrderBy(t => t.Version is null ? 1 : 0).ThenBy(t => t.Version)
                    .Select(t => new RewriteVersionSummary(t.Version, t.Files, t.Changed, t.Identical, t.CodeObjects, t.Failed)),
            ],
        };
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>Counters of one version's files, incremented from many threads.</summary>
    private sealed class VersionTally(Versions.PythonVersion? version)
    {
        public readonly Versions.PythonVersion? Version = version;
        public int Files;
        public int Changed;
        public int Identical;
        public int CodeObjects;
        public int Failed;
    }
}

/// <summary>Options of <see cref="PycRewriter.RewriteTree"/>.</summary>
public sealed record RewriteOptions
{
    /// <summary>How many files are rewritten at once (default: the number of processors).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Told after each file.</summary>
    public IProgress<RewriteProgress>? Progress { get; init; }
}

/// <summary>Progress of a rewrite: <paramref name="Done"/> of <paramref name="Total"/> files, the last one <paramref name="Path"/>.</summary>
public sealed record RewriteProgress(int Done, int Total, string Path);

/// <summary>A file that could not be rewritten, and why.</summary>
public sealed record RewriteFailure(string Path, string Message);

/// <summary>What a rewrite did.</summary>
/// <param name="Files">Files found.</param>
/// <param name="Changed">Files whose module the transform changed.</param>
/// <param name="Identical">Files whose module came out equal to the original.</param>
/// <param name="CodeObjects">Code objects rewritten (nested ones included).</param>
/// <param name="Failures">Files that failed (not written).</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record RewriteSummary(int Files, int Changed, int Identical, int CodeObjects, IReadOnlyList<RewriteFailure> Failures, TimeSpan Elapsed)
{
    /// <summary>The same counts per version, in version order (files that could not be read have no version and come last).</summary>
    public IReadOnlyList<RewriteVersionSummary> ByVersion { get; init; } = [];
}

/// <summary>What a rewrite did to the files of one version.</summary>
/// <param name="Version">The version, or null for files that could not be read.</param>
/// <param name="Files">Files.</param>
/// <param name="Changed">Files the transform changed.</param>
/// <param name="Identical">Files that came out equal.</param>
/// <param name="CodeObjects">Code objects rewritten.</param>
/// <param name="Failed">Files that failed.</param>
public sealed record RewriteVersionSummary(Versions.PythonVersion? Version, int Files, int Changed, int Identical, int CodeObjects, int Failed);
