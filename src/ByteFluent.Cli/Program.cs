using System.Text;
using ByteFluent.Cli;

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
