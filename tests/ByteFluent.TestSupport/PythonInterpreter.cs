using System.Diagnostics;
using System.Text;

namespace ByteFluent.TestSupport;

/// <summary>How an oracle interpreter is run.</summary>
public enum InterpreterKind
{
    /// <summary>A native CPython installed by pyenv.</summary>
    Native,

    /// <summary>CPython compiled to WebAssembly (pyodide), run by Node.js.</summary>
    Pyodide,
}

/// <summary>The result of running a Python script.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything printed to standard output.</param>
/// <param name="StandardError">Everything printed to standard error.</param>
public sealed record PythonRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws unless the script exited with code 0; returns standard output.</summary>
    public string EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidDataException($"{what} failed with exit code {ExitCode}:\n{StandardError}\n{StandardOutput}");
        }

        return StandardOutput;
    }
}

/// <summary>One real CPython used as a test oracle.</summary>
public sealed class PythonInterpreter
{
    internal PythonInterpreter(int major, int minor, InterpreterKind kind, string executable)
    {
        Major = major;
        Minor = minor;
        Kind = kind;
        Executable = executable;
    }

    /// <summary>The major version, 2 or 3.</summary>
    public int Major { get; }

    /// <summary>The minor version.</summary>
    public int Minor { get; }

    /// <summary>"X.Y".</summary>
    public string Version => $"{Major}.{Minor}";

    /// <summary>Native or pyodide.</summary>
    public InterpreterKind Kind { get; }

    /// <summary>The python binary, or for pyodide the Node.js binary.</summary>
    public string Executable { get; }

    /// <summary>Runs a script file with arguments; for pyodide, <paramref name="mounts"/> are host folders the script may read and write.</summary>
    public PythonRun RunScript(string scriptPath, IEnumerable<string>? arguments = null, IEnumerable<string>? mounts = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        psi.Environment.Remove("PYTHONPATH");
        psi.Environment.Remove("PYTHONHOME");
        if (Kind == InterpreterKind.Pyodide)
        {
            psi.ArgumentList.Add(Path.Combine(Interpreters.PyodideFolder, "run-python.mjs"));
            psi.ArgumentList.Add(Version);
            foreach (var m in mounts ?? [])
            {
                psi.ArgumentList.Add("--mount=" + Path.GetFullPath(m));
            }
        }
        else
        {
            psi.ArgumentList.Add("-E");
        }

        psi.ArgumentList.Add(scriptPath);
        foreach (var a in arguments ?? [])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {Executable}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"Python {Version} did not finish {scriptPath} in time.");
        }

        p.WaitForExit();
        return new PythonRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs Python source text (written to a temporary file next to nothing else).</summary>
    public PythonRun Run(string source, IEnumerable<string>? arguments = null, IEnumerable<string>? mounts = null, TimeSpan? timeout = null)
    {
        var dir = Directory.CreateTempSubdirectory("bytefluent-py-");
        try
        {
            var script = Path.Combine(dir.FullName, "script.py");
            File.WriteAllText(script, "# -*- coding: utf-8 -*-\n" + source, new UTF8Encoding(false));
            return RunScript(script, arguments, mounts, timeout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Python {Version} ({Kind})";
}
