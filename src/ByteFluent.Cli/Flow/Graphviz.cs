using System.Diagnostics;

namespace ByteFluent.Cli.Flow;

/// <summary>Runs Graphviz's <c>dot</c> (the Debian <c>graphviz</c> package; <c>BYTEFLUENT_DOT</c> may name another binary).</summary>
internal static class Graphviz
{
    /// <summary>The one line printed when <c>dot</c> cannot be run.</summary>
    public const string Missing =
        "Graphviz 'dot' was not found (install the Debian package graphviz, e.g. with bash tools/install-deps.sh); --format dot or mermaid need no Graphviz";

    /// <summary>SVG for the DOT text, or null when <c>dot</c> is not installed.</summary>
    /// <exception cref="InvalidOperationException"><c>dot</c> ran and failed.</exception>
    public static string? ToSvg(string dotText)
    {
        var exe = Find();
        if (exe is null)
        {
            return null;
        }

        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        psi.ArgumentList.Add("-Tsvg");
        Process? p;
        try
        {
            p = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using var process = p ?? throw new InvalidOperationException("cannot start " + exe);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dotText);
        process.StandardInput.Close();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"dot failed (exit {process.ExitCode}): {error.Result.Split('\n')[0]}");
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("BYTEFLUENT_DOT") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "dot")))
            {
                return Path.Combine(dir, "dot");
            }
        }

        return null;
    }
}
