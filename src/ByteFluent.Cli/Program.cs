using ByteFluent.Cli;
using ByteFluent.Cli.Errors;

// Last line of defence: an exception escaping on any thread is a bug, reported as one line without a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine(CommandLine.InternalErrorLine(args.Length > 0 ? args[0] : "", e.ExceptionObject as Exception ?? new InvalidOperationException("unknown failure")));
    Console.Error.Flush();
    Environment.Exit(ExitCodes.InternalError);
};

return CommandLine.Run(args, Console.Out, Console.Error);
