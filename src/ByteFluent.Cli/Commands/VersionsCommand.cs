using ByteFluent.Versions;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent versions</c>: the supported CPython versions.</summary>
internal sealed class VersionsCommand : ICommand
{
    public string Name => "versions";

    public string Summary => "List the supported CPython versions.";

    public string Help => """
        usage: bytefluent versions

        Prints every CPython version whose bytecode ByteFluent reads and writes.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count != 0)
        {
            throw new UsageException("takes no arguments");
        }

        foreach (var v in PythonVersion.Supported)
        {
            stdout.WriteLine(v);
        }

        return 0;
    }
}
