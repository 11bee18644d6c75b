using System.Diagnostics;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>Runs a helper process to completion and returns its output (the benchmark's Python scripts and the CLI).</summary>
internal static class Subprocess
{
    public static string Run(string executable, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + executable);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} did not finish within {timeout}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>The last line of <paramref name="output"/> (where the scripts print their JSON).</summary>
    public static string LastLine(string output) => output.TrimEnd().Split('\n')[^1];

    /// <summary>A script shipped next to the benchmark (copied from Corpus/).</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Corpus", name);
}
