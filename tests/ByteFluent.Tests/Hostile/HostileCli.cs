using ByteFluent.Cli;

namespace ByteFluent.Tests.Hostile;

/// <summary>Runs a command in-process with a time limit and checks what the contract promises about its output.</summary>
internal static class HostileCli
{
    /// <summary>The exit codes the CLI documents (README "Hostile input").</summary>
    public static readonly int[] DocumentedExitCodes = [0, 1, 2, 3, 4];

    public static (int Code, string Out, string Err) Run(TimeSpan limit, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var task = Task.Run(() => CommandLine.Run(args, stdout, stderr));
        if (!task.Wait(limit))
        {
            throw new TimeoutException($"bytefluent {string.Join(' ', args)} took longer than {limit.TotalSeconds} s");
        }

        return (task.Result, stdout.ToString(), stderr.ToString());
    }

    /// <summary>No stack trace, no unhandled exception, no internal error, and a documented exit code.</summary>
    public static string? Violation(int code, string stderr)
    {
        if (stderr.Contains("Unhandled exception", StringComparison.Ordinal) || stderr.Contains("   at ", StringComparison.Ordinal))
        {
            return "stack trace: " + stderr;
        }

        if (stderr.Contains("internal error", StringComparison.Ordinal))
        {
            return "internal error: " + stderr;
        }

        return DocumentedExitCodes.Contains(code) ? null : $"exit code {code}: {stderr}";
    }
}
