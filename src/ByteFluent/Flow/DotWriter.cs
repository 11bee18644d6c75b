using System.Text;

namespace ByteFluent.Flow;

/// <summary>
/// Writes a <see cref="ControlFlowGraph"/> in Graphviz's DOT language: blocks as left-aligned listings, edges styled
/// by kind (exception edges dashed red, jumps blue, conditional branches green, break targets dotted), loop headers
/// filled and back edges bold orange, unreachable blocks grey, and one <c>return</c>/<c>raise</c> exit node each.
/// </summary>
public static class DotWriter
{
    /// <summary>The DOT text of <paramref name="graph"/>, titled <paramref name="title"/>.</summary>
    public static string Write(ControlFlowGraph graph, string title)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(title);
        var picture = new GraphPicture(graph);
        var sb = new StringBuilder();
        sb.Append("digraph cfg {\n");
        sb.Append("  graph [label=\"").Append(Escape(title)).Append("\", labelloc=t, fontname=\"Helvetica\", fontsize=12];\n");
        sb.Append("  node [shape=box, fontname=\"Courier\", fontsize=10];\n");
        sb.Append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        foreach (var b in graph.Blocks)
        {
            var label = new StringBuilder(Escape(BlockListing.Title(b))).Append("\\l");
            foreach (var line in BlockListing.Lines(b))
            {
                label.Append(Escape(line)).Append("\\l");
            }

            sb.Append("  ").Append(b.Name).Append(" [label=\"").Append(label).Append('"');
            if (picture.LoopHeaders.Contains(b))
            {
                sb.Append(", style=filled, fillcolor=\"#fff3d6\", penwidth=2");
            }

            if (picture.Unreachable.Contains(b))
            {
                sb.Append(", color=grey, fontcolor=grey");
            }

            sb.Append("];\n");
        }

        if (picture.HasReturn)
        {
            sb.Append("  ").Append(GraphPicture.ReturnNode).Append(" [shape=oval, label=\"return\"];\n");
        }

        if (picture.HasRaise)
        {
            sb.Append("  ").Append(GraphPicture.RaiseNode).Append(" [shape=octagon, label=\"raise\"];\n");
        }

        foreach (var e in graph.Edges)
        {
            sb.Append("  ").Append(e.Source.Name).Append(" -> ").Append(GraphPicture.TargetId(e)).Append(" [");
            sb.Append(picture.BackEdges.Contains(e) ? "color=orange, penwidth=2.5" : e.Kind switch
            {
                EdgeKind.FallThrough => "color=black",
                EdgeKind.Jump => "color=blue",
                EdgeKind.Conditional => "color=darkgreen",
                EdgeKind.Exception => "color=red, style=dashed",
                EdgeKind.Setup => "color=purple, style=dotted",
                EdgeKind.Return => "color=black",
                _ => "color=red",
            });
            if (picture.BackEdges.Contains(e) && e.Kind is EdgeKind.Exception or EdgeKind.Setup)
            {
                sb.Append(", style=dashed");
            }

            if (picture.EdgeLabel(e) is { Length: > 0 } text)
            {
                sb.Append(", label=\"").Append(Escape(text)).Append('"');
            }

            sb.Append("];\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
}
