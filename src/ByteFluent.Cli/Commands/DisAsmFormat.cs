using ByteFluent.Cli.Errors;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.Text;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent dis --format text|asm</c>: the choice between the readable listing and text assembly.</summary>
internal static class DisAsmFormat
{
    /// <summary>Removes <c>--format X</c> from <paramref name="args"/>; true when X is <c>asm</c>.</summary>
    public static bool IsAsm(ref IReadOnlyList<string> args)
    {
        var list = args.ToList();
        var k = list.IndexOf("--format");
        if (k < 0)
        {
            return false;
        }

        var format = k + 1 < list.Count ? list[k + 1] : throw new UsageException("--format needs text or asm");
        if (format is not ("text" or "asm"))
        {
            throw new UsageException($"unknown format '{format}': expected text or asm");
        }

        list.RemoveRange(k, 2);
        args = list;
        return format == "asm";
    }

    /// <summary>Writes the assembly text of the one file in <paramref name="args"/>.</summary>
    public static int Write(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var layout = !args.Contains("--no-layout");
        var files = args.Where(a => a != "--no-layout").ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("--format asm expects one .pyc file (and optionally --no-layout)");
        }

        if (!File.Exists(files[0]))
        {
            throw new UsageException($"'{files[0]}' does not exist");
        }

        try
        {
            stdout.Write(AsmWriter.Write(PycFile.Load(files[0]), new AsmWriterOptions { IncludeLayout = layout }));
            return 0;
        }
        catch (Exception e) when (ErrorText.IsDocumented(e))
        {
            throw new InputException(files[0], e);
        }
    }
}
