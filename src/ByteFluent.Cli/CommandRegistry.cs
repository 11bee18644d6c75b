using ByteFluent.Cli.Commands;

namespace ByteFluent.Cli;

/// <summary>The list of commands; each lives in its own file under <c>Commands/</c>.</summary>
internal static class CommandRegistry
{
    public static IReadOnlyList<ICommand> All() =>
    [
        new DemoCommand(),
        new VersionsCommand(),
        new OpcodesCommand(),
        new RoundtripCommand(),
        new DisCommand(),
        new DiffCommand(),
        new RewriteCommand(),
        new AsmCommand(),
        new CfgCommand(),
    ];
}
