namespace ByteFluent.Cli.Errors;

/// <summary>A documented library error met while reading <see cref="File"/>; the CLI prints it as one line, exit code 3.</summary>
/// <param name="file">The input file.</param>
/// <param name="inner">The library's exception.</param>
/// <param name="where">Optionally what part of the file (e.g. <c>code object f</c>), put before the reason.</param>
internal sealed class InputException(string file, Exception inner, string? where = null)
    : Exception(where is null ? ErrorText.Describe(inner) : where + ": " + ErrorText.Describe(inner), inner)
{
    /// <summary>The input file.</summary>
    public string File { get; } = file;

    /// <summary>The line the CLI prints: <c>FILE: offset N: reason</c> (or the assembler's own <c>FILE:LINE:COLUMN: reason</c>).</summary>
    public string Line => InnerException is Text.AsmSyntaxException ? Message : $"{File}: {Message}";
}
