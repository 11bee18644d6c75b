using ByteFluent.Model;

namespace ByteFluent.Cli.Commands;

/// <summary>
/// The <c>--level code</c> part of <c>bytefluent roundtrip</c>: every code object of every .pyc under the paths goes
/// through the model (FromCode → ToCode, no edits) and is compared field by field with the original.
/// </summary>
internal static class CodeRoundtripLevel
{
    /// <summary>Runs the code level over .pyc files; returns the exit code (0 only when every code object is identical).</summary>
    public static int Run(IReadOnlyList<string> pycFiles, bool json, TextWriter stdout, TextWriter stderr)
    {
        var progressShown = false;
        var roundtrip = new CodeRoundtrip();
        var interactive = !System.Console.IsErrorRedirected && pycFiles.Count > 50;
        roundtrip.Run(pycFiles, interactive
            ? done =>
            {
                if (done % 50 == 0)
                {
                    progressShown = true;
                    stderr.Write($"\r{done}/{pycFiles.Count} files");
                }
            }
            : null);
        if (progressShown)
        {
            stderr.WriteLine();
        }

        if (json)
        {
            stdout.WriteLine(roundtrip.ToJson());
        }
        else
        {
            stdout.WriteLine(roundtrip.ToString());
            foreach (var s in roundtrip.Samples)
            {
                stdout.WriteLine("  " + s);
            }
        }

        return roundtrip.AllIdentical ? 0 : 1;
    }
}
