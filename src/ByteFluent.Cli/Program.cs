using System.Text;
using ByteFluent.Cli;
using ByteFluent.Cli.Errors;

// Last line of defence: an exception escaping on any thread is a bug, reported as one line without a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine(CommandLine.InternalErrorLine(args.Length > 0 ? args[0] : "", e.ExceptionObject as Exception ?? new InvalidOperationException("unknown failure")));
    Console.Error.Flush();
    Environment.Exit(ExitCodes.InternalError);
};

// Redirected output (a file or a pipe) goes through one large buffer: Console.Out flushes on every write, which
// made `dis` of a whole tree spend its time in write system calls. A terminal keeps Console.Out.
if (!Console.IsOutputRedirected)
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
try
{
    return CommandLine.Run(args, stdout, Console.Error);
}
finally
{
    stdout.Flush();
}
