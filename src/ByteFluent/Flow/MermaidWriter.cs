using System.Text;

namespace ByteFluent.Flow;

/// <summary>
/// Writes a <see cref="ControlFlowGraph"/> as a Mermaid flowchart for Markdown: blocks as listings, jumps and branches
/// labelled, exception edges dotted (<c>-.-&gt;</c>), back edges thick (<c>==&gt;</c>), loop headers in the
/// <c>loop</c> class, unreachable blocks in the <c>dead</c> class.
/// </summary>
public static class MermaidWriter
{
    /// <summary>The Mermaid text of <paramref name="graph"/>, titled <paramref name="title"/>.</summary>
    public static string Write(ControlFlowGraph graph, string title)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(title);
        var picture = new GraphPicture(graph);
        var sb = new StringBuilder();
        sb.Append("---\ntitle: ").Append(Escape(title)).Append("\n---\n");
        sb.Append("flowchart TD\n");
        foreach (var b in graph.Blocks)
        {
            var lines = new List<string> { "<b>" + Escape(BlockListing.Title(b)) + "</b>" };
            lines.AddRange(BlockListing.Lines(b).Select(l => Escape(l.Trim())));
            sb.Append("  ").Append(b.Name).Append("[\"").Append(string.Join("<br/>", lines)).Append("\"]\n");
        }

        if (picture.HasReturn)
        {
            sb.Append("  ").Append(GraphPicture.ReturnNode).Append("([return])\n");
        }

        if (picture.HasRaise)
        {
            sb.Append("  ").Append(GraphPicture.RaiseNode).Append("{{raise}}\n");
        }

        foreach (var e in graph.Edges)
        {
            var arrow = picture.BackEdges.Contains(e) ? "==>" : e.Kind is EdgeKind.Exception or EdgeKind.Setup ? "-.->" : "-->";
            sb.Append("  ").Append(e.Source.Name).Append(' ').Append(arrow);
            if (picture.EdgeLabel(e) is { Length: > 0 } text)
            {
                sb.Append('|').Append(Escape(text)).Append('|');
            }

            sb.Append(' ').Append(GraphPicture.TargetId(e)).Append('\n');
        }

        sb.Append("  classDef loop fill:#fff3d6,stroke:#c08000,stroke-width:2px\n");
        sb.Append("  classDef dead color:#999,stroke:#bbb\n");
        foreach (var b in picture.LoopHeaders)
        {
            sb.Append("  class ").Append(b.Name).Append(" loop\n");
        }

        foreach (var b in picture.Unreachable)
        {
            sb.Append("  class ").Append(b.Name).Append(" dead\n");
        }

        return sb.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("|", "#124;", StringComparison.Ordinal);
}
