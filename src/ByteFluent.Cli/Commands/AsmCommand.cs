using ByteFluent.Cli.Errors;
using ByteFluent.Text;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent asm FILE.pyasm [-o FILE.pyc]</c>: assembles text assembly into a .pyc.</summary>
internal sealed class AsmCommand : ICommand
{
    public string Name => "asm";

    public string Summary => "Assemble a text assembly file (dis --format asm) into a .pyc.";

    public string Help => """
        usage: bytefluent asm FILE.pyasm [-o FILE.pyc]

        Reads text assembly, as `bytefluent dis --format asm FILE.pyc` writes it or as written by hand, and writes
        the .pyc (default: FILE.pyc beside the input). A file written by dis --format asm and not edited gives back
        the original .pyc byte for byte; after edits, the code objects are assembled from the listing (labels
        resolved, line/location and exception tables, stack size unless `stacksize` is given).

        The format (header, .code sections, constants, labels, .line/.loc markers, .try regions, the optional
        .layout section) is described in docs/asm-format.md. Mistakes are reported as FILE:LINE:COLUMN: message,
        with exit code 3.

        options:
          -o, --output FILE.pyc   where to write the .pyc
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? input = null;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-o" or "--output")
            {
                output = i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a file name");
            }
            else if (args[i].StartsWith('-') && args[i] != "-")
            {
                throw new UsageException($"unknown option '{args[i]}'");
            }
            else if (input is null)
            {
                input = args[i];
            }
            else
            {
                throw new UsageException("expects one assembly file");
            }
        }

        if (input is null)
        {
            throw new UsageException("expects an assembly file");
        }

        if (!File.Exists(input))
        {
            throw new UsageException($"{input}: no such file");
        }

        output ??= Path.ChangeExtension(input, ".pyc");
        if (Path.GetFullPath(output) == Path.GetFullPath(input))
        {
            throw new UsageException($"the output would overwrite the input {input}: give another with -o");
        }

        try
        {
            var pyc = AsmReader.Load(input);
            pyc.Save(output);
        }
        catch (Exception e) when (ErrorText.IsDocumented(e))
        {
            throw new InputException(input, e);
        }

        stdout.WriteLine($"wrote {output}");
        return 0;
    }
}
