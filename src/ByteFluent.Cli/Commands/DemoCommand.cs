using System.Diagnostics;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Commands;

/// <summary>
/// <c>bytefluent demo</c>: ByteFluent's whole loop on the bundled input — read a .pyc, apply byteplay's classic
/// edit (swap the two printed arguments), write the result, show both listings and, when the matching
/// interpreter is installed, run both files.
/// </summary>
internal sealed class DemoCommand : ICommand
{
    private const string BundledPyc = "swap_demo.cpython-312.pyc";

    public string Name => "demo";

    public string Summary => "Show the read / edit / assemble / run loop on the bundled sample .pyc.";

    public string Help => $"""
        usage: bytefluent demo [--input FILE.pyc] [--out DIR]

        Reads a .pyc (default: the bundled {BundledPyc}, compiled by CPython 3.12 from
        `def f(a, b): print(a, b)` and `f(3, 5)`), finds the function f, inserts a swap of the two top stack
        items before its call (byteplay's example: ROT_TWO, or SWAP 2 from 3.11), assembles it again and
        writes DIR/swapped.pyc (default DIR: a new temporary folder). It prints f's listing before and after,
        and, when that version's interpreter is installed (pyenv), runs the original and the rewritten file.

        Then it builds a module from nothing with the typed fluent API for CPython 3.12 (Python312.Function,
        Python312.Module): a function collatz(n) with a loop and a branch, and a call that prints its result;
        it writes DIR/fluent.pyc, prints collatz's listing and, when CPython 3.12 is installed, runs the file.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? input = null;
        string? outDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--input" when i + 1 < args.Count:
                    input = args[++i];
                    break;
                case "--out" when i + 1 < args.Count:
                    outDir = args[++i];
                    break;
                default:
                    throw new UsageException($"unexpected argument '{args[i]}'");
            }
        }

        input ??= Path.Combine(AppContext.BaseDirectory, "demo", BundledPyc);
        outDir ??= Directory.CreateTempSubdirectory("bytefluent-demo-").FullName;
        Directory.CreateDirectory(outDir);

        var pyc = PycFile.Load(input);
        var version = pyc.Header.Version;
        stdout.WriteLine($"== read {input}: CPython {version}, magic {pyc.Header.Magic}");
        var module = Code.FromCode(pyc.Code, version);
        var f = module.NestedCode.FirstOrDefault(c => c.Name.Value == "f")
            ?? throw new UsageException("the input has no function named f");
        stdout.WriteLine();
        stdout.WriteLine("== f before:");
        stdout.Write(f.CodeList.ToString());

        var call = f.CodeList.FindIndex(item => item is Instr { Opcode.Name: "CALL" or "CALL_FUNCTION" or "PRINT_ITEM" or "BUILD_TUPLE" or "PRECALL" });
        if (call < 0)
        {
            throw new UsageException("f has no call or tuple to swap the arguments of");
        }

        var table = OpcodeTables.ForVersion(version);
        var swap = table.TryGetOpcode("ROT_TWO", out var rot) ? new Instr(rot) : new Instr(table["SWAP"], 2);
        f.CodeList.Insert(call, swap);
        stdout.WriteLine();
        stdout.WriteLine($"== f after inserting {swap} before the call:");
        stdout.Write(f.CodeList.ToString());

        var original = Path.Combine(outDir, "original.pyc");
        var swapped = Path.Combine(outDir, "swapped.pyc");
        File.Copy(input, original, overwrite: true);
        (pyc with { Value = module.ToCode(version), Layout = null }).Save(swapped);
        stdout.WriteLine();
        stdout.WriteLine($"== wrote {swapped}");

        var python = FindInterpreter(version);
        if (python is null)
        {
            stdout.WriteLine($"(CPython {version} is not installed here, so the files are not run.)");
        }
        else
        {
            stdout.WriteLine($"== run with {python}");
            stdout.WriteLine($"original: {RunPython(python, original)}");
            stdout.WriteLine($"swapped:  {RunPython(python, swapped)}");
        }

        RunFluentHalf(outDir, stdout);
        return 0;
    }

    private static void RunFluentHalf(string outDir, TextWriter stdout)
    {
        stdout.WriteLine();
        stdout.WriteLine($"== build a module with the fluent API (Python312.Function / Python312.Module); it stands for:");
        stdout.WriteLine(FluentDemo.Source.TrimEnd());
        var module = FluentDemo.Build();
        var fluent = Path.Combine(outDir, "fluent.pyc");
        PycFile.Create(module, FluentDemo.Version).Save(fluent);
        stdout.WriteLine();
        stdout.WriteLine("== collatz as assembled:");
        stdout.Write(Code.FromCode(module, FluentDemo.Version).NestedCode.Single().CodeList.ToString());
        stdout.WriteLine();
        stdout.WriteLine($"== wrote {fluent}");
        var python = FindInterpreter(FluentDemo.Version);
        if (python is null)
        {
            stdout.WriteLine($"(CPython {FluentDemo.Version} is not installed here, so the file is not run.)");
            return;
        }

        stdout.WriteLine($"== run with {python}");
        stdout.WriteLine($"fluent:   {RunPython(python, fluent)}");
    }

    private static string? FindInterpreter(PythonVersion version)
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } r
            ? r
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        if (!Directory.Exists(versions))
        {
            return null;
        }

        return Directory.GetDirectories(versions, $"{version}.*")
            .Select(d => Path.Combine(d, "bin", "python"))
            .FirstOrDefault(File.Exists);
    }

    private static string RunPython(string python, string pyc)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(pyc);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output.TrimEnd();
    }
}
