namespace ByteFluent.Cli;

/// <summary>Dispatches <c>bytefluent COMMAND ...</c> to the commands in <see cref="Commands"/>.</summary>
internal static class CommandLine
{
    /// <summary>Every command, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } = CommandRegistry.All();

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(stdout);
            return args.Length == 0 ? 2 : 0;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"bytefluent: unknown command '{args[0]}'.");
            PrintUsage(stderr);
            return 2;
        }

        var rest = args.Skip(1).ToArray();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            stdout.WriteLine(command.Help.TrimEnd());
            return 0;
        }

        try
        {
            return command.Run(rest, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"bytefluent {command.Name}: {e.Message}");
            stderr.WriteLine($"Try 'bytefluent {command.Name} --help'.");
            return 2;
        }
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: bytefluent COMMAND [ARGS...]   (bytefluent COMMAND --help for details)");
        w.WriteLine();
        foreach (var c in Commands)
        {
            w.WriteLine($"  {c.Name,-12} {c.Summary}");
        }
    }
}

/// <summary>A mistake in the command line; reported with the command's usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
