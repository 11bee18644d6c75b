using ByteFluent.Cli.Disassembly;
using ByteFluent.Cli.Flow;
using ByteFluent.Diff;
using ByteFluent.Flow;
using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent cfg FILE</c>: the control-flow graph of one code object as DOT, SVG or Mermaid.</summary>
internal sealed class CfgCommand : ICommand
{
    public string Name => "cfg";

    public string Summary => "Draw the control-flow graph of a code object (DOT, SVG through Graphviz, or Mermaid).";

    public string Help => """
        usage: bytefluent cfg FILE.pyc [--code QUALNAME] [--format dot|svg|mermaid] [-o OUT]

        Draws the control-flow graph of one code object: its basic blocks as listings (line markers, instructions,
        jumps naming their target block), and its edges by kind: fall-through (black), jump (blue), conditional
        branch (green), exception to a handler (red, dashed, with the handler's stack depth on 3.11+), a
        SETUP_LOOP's break target (purple, dotted), return and raise (to the exit nodes). Loop headers are filled
        and back edges drawn bold orange; blocks no path reaches are grey.

        Options:
          --code QUALNAME   the code object, by qualified name (<module> (default), f, C.method, f.<locals>.g;
                            a repeated name gets #2, #3, ...)
          --format FORMAT   dot (default): Graphviz source; svg: the picture, made by Graphviz's dot (the Debian
                            package graphviz); mermaid: a Mermaid flowchart to paste into Markdown
          -o, --output OUT  write to OUT instead of standard output
          --python X.Y      FILE is a headerless marshal stream of that version, not a .pyc

        Exit code: 0 on success, 2 for a usage error or a file that cannot be read, 3 when --format svg is asked
        and Graphviz's dot is not installed.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null, codeName = null, output = null;
        var format = "dot";
        Versions.PythonVersion? headerless = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--code":
                    codeName = Value();
                    break;
                case "--format":
                    format = Value();
                    if (format is not ("dot" or "svg" or "mermaid"))
                    {
                        throw new UsageException($"--format must be dot, svg or mermaid, not '{format}'");
                    }

                    break;
                case "-o" or "--output":
                    output = Value();
                    break;
                case "--python":
                    headerless = CodeInput.ParseVersion(Value());
                    break;
                case var a when a.StartsWith('-') && a.Length > 1:
                    throw new UsageException($"unknown option '{a}'");
                default:
                    file = file is null ? args[i] : throw new UsageException("expects exactly one file");
                    break;
            }
        }

        if (file is null)
        {
            throw new UsageException("expects exactly one file");
        }

        CodeInput input;
        try
        {
            input = CodeInput.Load(file, headerless);
        }
        catch (PycFormatException e)
        {
            stderr.WriteLine($"bytefluent cfg: {file}: {e.Message}");
            return 2;
        }

        if (input.Value is not PyCode module)
        {
            stderr.WriteLine($"bytefluent cfg: {file} holds a {input.Value.TypeName}, not a code object");
            return 2;
        }

        var all = CodeNames.Enumerate(module);
        var selected = codeName is null ? all[0] : all.FirstOrDefault(q => q.Path == codeName);
        if (selected is null)
        {
            stderr.WriteLine($"bytefluent cfg: no code object named '{codeName}'. The code objects of {file} are:");
            foreach (var q in all)
            {
                stderr.WriteLine("  " + q.Path);
            }

            return 2;
        }

        var graph = ControlFlowGraph.FromCode(Code.FromCode(selected.Code, input.Version));
        var title = $"{selected.Path} (CPython {input.Version})";
        string text;
        switch (format)
        {
            case "mermaid":
                text = MermaidWriter.Write(graph, title);
                break;
            case "svg":
                var svg = Graphviz.ToSvg(DotWriter.Write(graph, title));
                if (svg is null)
                {
                    stderr.WriteLine("bytefluent cfg: " + Graphviz.Missing);
                    return 3;
                }

                text = svg;
                break;
            default:
                text = DotWriter.Write(graph, title);
                break;
        }

        if (output is null)
        {
            stdout.Write(text);
        }
        else
        {
            ByteFluent.Pyc.AtomicFile.WriteAllBytes(output, System.Text.Encoding.UTF8.GetBytes(text));
        }

        return 0;
    }
}
