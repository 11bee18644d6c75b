using ByteFluent.Flow;
using ByteFluent.Model;

namespace ByteFluent.Tests.Flow;

/// <summary>Code → <see cref="ControlFlowGraph"/> → Code with no edit, and what (if anything) came back different.</summary>
internal static class GraphRoundTrip
{
    /// <summary>The graph's code for <paramref name="model"/>, and null or the first difference found.</summary>
    public static (Code Back, string? Problem) Run(Code model)
    {
        var graph = ControlFlowGraph.FromCode(model);
        var back = graph.ToCode();
        var a = model.CodeList;
        var b = back.CodeList;
        if (a.Count != b.Count)
        {
            return (back, $"{b.Count} code-list entries, not {a.Count}");
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return (back, $"entry {i} is {b[i]}, not {a[i]}");
            }
        }

        return back.Equals(model) ? (back, null) : (back, "Code.Equals is false");
    }
}
