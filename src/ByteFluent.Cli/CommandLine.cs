using ByteFluent.Cli.Errors;

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
            if (!command.Help.Contains("Exit code", StringComparison.Ordinal))
            {
                stdout.WriteLine();
                stdout.WriteLine(ExitCodes.HelpText.TrimEnd());
            }

            return 0;
        }

        return RunGuarded(command, rest, stdout, stderr);
    }

    /// <summary>
    /// Runs the command on a thread with a large stack (deeply nested input is bounded by the readers, but the
    /// model's recursive walks get room), and turns every exception into one line and a documented exit code:
    /// no stack trace ever reaches the user.
    /// </summary>
    private static int RunGuarded(ICommand command, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var code = ExitCodes.InternalError;
        var thread = new Thread(() => code = RunCatching(command, args, stdout, stderr), 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        return code;
    }

    private static int RunCatching(ICommand command, string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return command.Run(args, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"bytefluent {command.Name}: {e.Message}");
            stderr.WriteLine($"Try 'bytefluent {command.Name} --help'.");
            return ExitCodes.Usage;
        }
        catch (InputException e)
        {
            stderr.WriteLine(e.Line);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (ErrorText.IsDocumented(e))
        {
            stderr.WriteLine($"bytefluent {command.Name}: {ErrorText.Describe(e)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bytefluent {command.Name}: {ErrorText.OneLine(e.Message)}");
            return ExitCodes.IoError;
        }
        catch (Exception e)
        {
            stderr.WriteLine(InternalErrorLine(command.Name, e));
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The one line printed for an exception no reader documents (a bug in ByteFluent).</summary>
    public static string InternalErrorLine(string command, Exception e) =>
        $"bytefluent {command}: internal error ({e.GetType().Name}: {ErrorText.OneLine(e.Message)}); please report it with the input file";

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: bytefluent COMMAND [ARGS...]   (bytefluent COMMAND --help for details)");
        w.WriteLine();
        foreach (var c in Commands)
        {
            w.WriteLine($"  {c.Name,-12} {c.Summary}");
        }

        w.WriteLine();
        w.WriteLine(ExitCodes.HelpText.TrimEnd());
    }
}

/// <summary>A mistake in the command line; reported with the command's usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
