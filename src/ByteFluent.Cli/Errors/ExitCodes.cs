namespace ByteFluent.Cli.Errors;

/// <summary>The exit codes of every <c>bytefluent</c> command (README "Hostile input", each command's <c>--help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The answer is "no": <c>diff</c> found differences, <c>roundtrip</c> found files that did not round-trip.</summary>
    public const int Differs = 1;

    /// <summary>A mistake in the command line, or an input file that does not exist.</summary>
    public const int Usage = 2;

    /// <summary>An input is malformed: a documented reader error, reported as one line with its offset or line:column.</summary>
    public const int BadInput = 3;

    /// <summary>A file could not be read or written (permissions, disk full, …).</summary>
    public const int IoError = 4;

    /// <summary>A bug in ByteFluent: an exception no reader documents. Reported as one line, never a stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>The help text shared by every command.</summary>
    public const string HelpText = """
        Exit codes: 0 success; 1 differences found (diff, roundtrip); 2 usage error or missing file; 3 malformed
        input (one line on stderr: FILE: offset N: reason, or FILE:LINE:COLUMN: reason); 4 I/O error; 70 internal
        error (a bug: one line, please report it).
        """;
}
