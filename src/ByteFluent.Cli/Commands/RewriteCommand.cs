using System.Globalization;
using ByteFluent.Transforms;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent rewrite SRC OUT --transform NAME</c>: applies a transform to a .pyc file or a tree of them.</summary>
internal sealed class RewriteCommand : ICommand
{
    public string Name => "rewrite";

    public string Summary => "Apply a transform to a .pyc file or to every .pyc of a folder tree.";

    public string Help => $"""
        usage: bytefluent rewrite SRC OUT --transform NAME [--jobs N]

        SRC and OUT are both files, or both folders. For folders every .pyc (and 2.7 .pyo) under SRC is rewritten
        into the same relative path under OUT (other files are not copied), in parallel. SRC is never modified; each
        output file is written atomically, and a file that fails is reported and not written. The header (source
        timestamp and size, or hash) is kept, so the importer accepts the output for the same source.

        Transforms:
        {string.Join(Environment.NewLine, CodeTransforms.All.Select(t => $"  {t.Name,-16}{t.Description}"))}

        Options:
          --transform NAME  the transform to apply (required)
          --jobs N          files rewritten at once (default: number of processors)

        Exit code: 0 when every file was rewritten, 1 when some failed, 2 for a usage error, 3 for a malformed
        input, 4 for an I/O error, 70 for an internal error.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? transformName = null;
        int? jobs = null;
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--transform":
                    transformName = Value(args, ++i, "--transform");
                    break;
                case "--jobs":
                    jobs = int.TryParse(Value(args, ++i, "--jobs"), NumberStyles.None, CultureInfo.InvariantCulture, out var j) && j > 0
                        ? j
                        : throw new UsageException("--jobs needs a positive number");
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new UsageException($"unknown option {args[i]}");
                    }

                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count != 2)
        {
            throw new UsageException("expects SRC and OUT");
        }

        if (transformName is null)
        {
            throw new UsageException("--transform NAME is required");
        }

        ICodeTransform transform;
        try
        {
            transform = CodeTransforms.Get(transformName);
        }
        catch (UnknownTransformException e)
        {
            throw new UsageException(e.Message);
        }

        var (src, dst) = (positional[0], positional[1]);
        RewriteSummary summary;
        try
        {
            if (File.Exists(src))
            {
                summary = PycRewriter.RewriteFile(src, dst, transform);
            }
            else if (Directory.Exists(src))
            {
                using var progress = new ProgressAdapter(stderr);
                summary = PycRewriter.RewriteTree(src, dst, transform, new RewriteOptions { MaxDegreeOfParallelism = jobs, Progress = progress });
            }
            else
            {
                throw new UsageException($"{src} does not exist");
            }
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        foreach (var failure in summary.Failures.Take(50))
        {
            // The first line names the code object and the instruction; listings that follow can be very long.
            stderr.WriteLine($"error: {failure.Path}: {failure.Message.Split('\n')[0].TrimEnd()}");
        }

        if (summary.Failures.Count > 50)
        {
            stderr.WriteLine($"... and {summary.Failures.Count - 50} more failures");
        }

        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{transform.Name}: {summary.Files} files, {summary.Changed} changed, {summary.Identical} identical, {summary.Failures.Count} failed; {summary.CodeObjects} code objects; {summary.Elapsed.TotalSeconds:0.0} s"));
        if (summary.ByVersion.Count > 0)
        {
            stdout.WriteLine();
            var table = new Console.SummaryTable("version", "files", "code objects", "changed", "identical", "failed");
            foreach (var v in summary.ByVersion)
            {
                table.Add(v.Version?.ToString() ?? "?", v.Files, v.CodeObjects, v.Changed, v.Identical, v.Failed);
            }

            table.Add("total", summary.Files, summary.CodeObjects, summary.Changed, summary.Identical, summary.Failures.Count).Write(stdout);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: {Console.SummaryTable.Seconds(summary.Elapsed)} ({jobs ?? Environment.ProcessorCount} threads)"));
        }

        return summary.Failures.Count == 0 ? 0 : 1;
    }

    private static string Value(IReadOnlyList<string> args, int i, string option) =>
        i < args.Count ? args[i] : throw new UsageException($"{option} needs a value");

    /// <summary>Feeds the library's progress reports to a <see cref="Console.ProgressReporter"/>, created at the first report (the total is known then).</summary>
    private sealed class ProgressAdapter(TextWriter stderr) : IProgress<RewriteProgress>, IDisposable
    {
        private readonly object gate = new();
        private Console.ProgressReporter? reporter;

        public void Report(RewriteProgress value)
        {
            lock (gate)
            {
                reporter ??= Console.ProgressReporter.For("rewrite", value.Total, stderr);
            }

            reporter.Advance();
        }

        public void Dispose() => reporter?.Dispose();
    }
}
