using System.Globalization;
using ByteFluent.Model;

namespace ByteFluent.Flow;

/// <summary>The text of a block for pictures: a title line, then line markers and instructions, jumps naming their target block.</summary>
public static class BlockListing
{
    /// <summary>The lines of <paramref name="block"/>'s listing (without the title).</summary>
    public static IReadOnlyList<string> Lines(BasicBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var graph = block.Graph;
        var lines = new List<string>();
        int? lastLine = null;
        void Line(SetLineno s)
        {
            if (s.Line != lastLine)
            {
                lines.Add(s.Line is { } n ? "line " + n.ToString(CultureInfo.InvariantCulture) : "line -");
                lastLine = s.Line;
            }
        }

        foreach (var item in block.Header)
        {
            if (item is SetLineno s)
            {
                Line(s);
            }
        }

        foreach (var item in block.Items)
        {
            switch (item)
            {
                case SetLineno s:
                    Line(s);
                    break;
                case Instr ins:
                    lines.Add("  " + Instruction(graph, ins));
                    break;
            }
        }

        return lines;
    }

    /// <summary>The title of a block: its name, and the handler of its innermost region when it has one.</summary>
    public static string Title(BasicBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var title = block.Name;
        if (block.Handler is { } r && block.Graph.BlockOf(r.Handler) is { } h)
        {
            title += $"  (try → {h.Name})";
        }

        return title;
    }

    /// <summary>One instruction: opcode and argument, a jump's argument as <c>→ Bn</c>.</summary>
    public static string Instruction(ControlFlowGraph graph, Instr ins)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(ins);
        return ins.Arg switch
        {
            null => ins.Opcode.Name,
            Label l => $"{ins.Opcode.Name} → {graph.BlockOf(l)?.Name ?? l.ToString()}",
            _ => $"{ins.Opcode.Name} {Shorten(CodeListFormatter.FormatArg(ins.Arg))}",
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
