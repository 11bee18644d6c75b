using ByteFluent.Cli.Console;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Disassembly;

/// <summary>The command line of <c>bytefluent dis</c>.</summary>
/// <param name="Files">The input files and folders (a folder stands for every .pyc under it).</param>
/// <param name="Headerless">With <c>--python X.Y</c>: the file is a headerless marshal stream of that version.</param>
/// <param name="CodeName">With <c>--code NAME</c>: the qualified name of the one code object to show.</param>
/// <param name="Raw">With <c>--raw</c>: offsets, bytes, EXTENDED_ARG and CACHE entries instead of the model listing.</param>
/// <param name="Color">When to color the listing.</param>
/// <param name="Strict">With <c>--strict</c>: refuse the file at the first malformed code object instead of listing it with warnings.</param>
/// <param name="TablePath">With <c>--table FILE.json</c>: an opcode table file (e.g. a custom build's remapped numbers) to read the code with.</param>
/// <param name="Stack">With <c>--stack</c>: a column with the stack depth before and after each instruction.</param>
internal sealed record DisOptions(IReadOnlyList<string> Files, PythonVersion? Headerless, string? CodeName, bool Raw, ColorMode Color, string? TablePath = null, bool Stack = false, bool Strict = false)
{
    /// <summary>Parses the arguments after <c>dis</c>.</summary>
    /// <exception cref="UsageException">An unknown option, a missing value, or no file.</exception>
    public static DisOptions Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        PythonVersion? headerless = null;
        string? codeName = null;
        var raw = false;
        var stack = false;
        var color = ColorMode.Auto;
        string? table = null;
        var strict = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (option, inline) = Split(args[i]);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{option} needs a value"));
            switch (option)
            {
                case "--python":
                    headerless = CodeInput.ParseVersion(Value());
                    break;
                case "--code":
                    codeName = Value();
                    break;
                case "--strict":
                    strict = true;
                    break;
                case "--raw":
                    raw = true;
                    break;
                case "--stack":
                    stack = true;
                    break;
                case "--table":
                    table = Value();
                    break;
                case "--color":
                    color = Palette.ParseMode(Value());
                    break;
                case var a when a.StartsWith('-') && a.Length > 1:
                    throw new UsageException($"unknown option '{a}'");
                default:
                    files.Add(args[i]);
                    break;
            }
        }

        return files.Count > 0
            ? (raw && stack ? throw new UsageException("--stack shows the model listing; it cannot be combined with --raw")
                : new DisOptions(files, headerless, codeName, raw, color, table, stack, strict))
            : throw new UsageException("give a .pyc file (or several, or folders)");
    }

    /// <summary>Splits <c>--name=value</c>.</summary>
    private static (string Option, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }
}
