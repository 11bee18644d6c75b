using ByteFluent.Cli.Roundtrip;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent roundtrip PATH... [--level LEVEL] [--json]</c>: reads and rewrites .pyc files in memory and reports what changed.</summary>
internal sealed class RoundtripCommand : ICommand
{
    public string Name => "roundtrip";

    public string Summary => "Read and rewrite .pyc files in memory; report which are not identical.";

    public string Help => $"""
        usage: bytefluent roundtrip PATH... [--level LEVEL] [--json]

        Finds the .pyc files under each PATH (recursively; a file is taken as is), reads each one and
        writes it back in memory (nothing on disk changes), and reports the files, how many came back
        identical, which were different (with the first differing offset) and which could not be read.

          --level LEVEL  what to round-trip (default: file):
        {string.Join(Environment.NewLine, RoundtripLevels.All.Select(l => $"                   {l.Name,-6} {l.Description}"))}
          --json         print one JSON object:
                         {"{"}"level":"file","files":N,"identical":N,"different":N,"errors":N,"samples":[...]{"}"}

        Exit code: 0 when every file is identical, 1 otherwise, 2 for a usage error, 4 for an I/O error, 70 for
        an internal error.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var paths = new List<string>();
        var levelName = "file";
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--level":
                    levelName = i + 1 < args.Count ? args[++i] : throw new UsageException("--level needs a value");
                    break;
                case var a when a.StartsWith("--level=", StringComparison.Ordinal):
                    levelName = a["--level=".Length..];
                    break;
                case var a when a.StartsWith('-') && a.Length > 1:
                    throw new UsageException($"unknown option '{a}'");
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            throw new UsageException("give at least one file or folder");
        }

        var level = RoundtripLevels.Find(levelName)
            ?? throw new UsageException($"unknown level '{levelName}' (known: {string.Join(", ", RoundtripLevels.All.Select(l => l.Name))})");
        var missing = paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            throw new UsageException($"'{missing}' does not exist");
        }

        var files = PycFinder.Find(paths);
        if (files.Count == 0)
        {
            stderr.WriteLine("bytefluent roundtrip: no .pyc files found.");
            return 1;
        }

        return level.Run(files, json, stdout, stderr);
    }
}
