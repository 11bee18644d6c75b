using System.Diagnostics;

namespace ByteFluent.Packaging.Tests;

/// <summary>Runs the dotnet CLI (or a tool it installed) and captures its output.</summary>
internal static class DotNet
{
    public static string Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, string fileName, params string[] args)
    {
        var (code, output) = Start(workingDirectory, environment, fileName, args);
        Assert.True(code == 0, $"{fileName} {string.Join(' ', args)} exited with {code}:\n{output}");
        return output;
    }

    /// <summary>Runs a command that must fail (e.g. a build with errors); returns its output.</summary>
    public static string RunFailing(string workingDirectory, IReadOnlyDictionary<string, string> environment, string fileName, params string[] args)
    {
        var (code, output) = Start(workingDirectory, environment, fileName, args);
        Assert.True(code != 0, $"{fileName} {string.Join(' ', args)} succeeded but should have failed:\n{output}");
        return output;
    }

    private static (int ExitCode, string Output) Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string fileName, string[] args)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        // The test host's MSBuild settings must not leak into the child builds.
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "DOTNET_HOST_PATH" })
        {
            psi.Environment.Remove(key);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish.");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
