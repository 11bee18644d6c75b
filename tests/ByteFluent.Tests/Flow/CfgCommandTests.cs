using System.Xml.Linq;
using ByteFluent.Flow;
using ByteFluent.Model;
using ByteFluent.TestSupport;
using ByteFluent.Tests.Cli;

namespace ByteFluent.Tests.Flow;

/// <summary><c>bytefluent cfg</c>: SVG through Graphviz parsed as XML, Mermaid, DOT, errors, and the pictures of docs/cfg.md.</summary>
public sealed class CfgCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    public static TheoryData<string> DocVersions => ["2.7", "3.10", "3.12", "3.14"];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Svg_of_sample_functions_is_valid_svg_with_one_node_per_block_and_one_edge_per_graph_edge(string version)
    {
        var module = FlowSamples.Module(version);
        foreach (var name in new[] { "classify", "search" })
        {
            var graph = ControlFlowGraph.FromCode(FlowSamples.Function(module, name));
            var (code, stdout, stderr) = CliRunner.Run("cfg", FlowSamples.Pyc(version), "--code", name, "--format", "svg");
            Assert.True(code == 0, stderr);
            var svg = XDocument.Parse(stdout);
            Assert.Equal(Svg + "svg", svg.Root!.Name);

            var nodes = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node").ToList();
            var titles = nodes.Select(n => n.Element(Svg + "title")!.Value).ToList();
            var expected = graph.Blocks.Select(b => b.Name).ToList();
            expected.AddRange(graph.Edges.Where(e => e.IsExit).Select(e => e.Kind == EdgeKind.Return ? "return" : "raise").Distinct());
            Assert.Equal(expected.Order(StringComparer.Ordinal), titles.Order(StringComparer.Ordinal));

            var edges = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "edge").ToList();
            Assert.Equal(graph.Edges.Count, edges.Count);
            var dashed = edges.Count(e => e.Descendants(Svg + "path").Any(p => ((string?)p.Attribute("stroke-dasharray"))?.Length > 0));
            Assert.True(dashed >= graph.Edges.Count(e => e.Kind == EdgeKind.Exception), $"{dashed} dashed edges");

            // Each block's node lists its instructions.
            foreach (var b in graph.Blocks)
            {
                var text = string.Join("\n", nodes[titles.IndexOf(b.Name)].Descendants(Svg + "text").Select(t => t.Value));
                foreach (var ins in b.Instructions)
                {
                    Assert.Contains(ins.Opcode.Name, text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DocVersions))]
    public void Mermaid_and_dot_have_every_block_and_edge(string version)
    {
        var graph = ControlFlowGraph.FromCode(FlowSamples.Function(FlowSamples.Module(version), "classify"));
        var (code, mermaid, stderr) = CliRunner.Run("cfg", FlowSamples.Pyc(version), "--code", "classify", "--format", "mermaid");
        Assert.True(code == 0, stderr);
        var lines = mermaid.Split('\n');
        Assert.Contains("flowchart TD", lines);
        Assert.Equal(graph.Edges.Count, lines.Count(l => l.Contains("-->", StringComparison.Ordinal) || l.Contains("-.->", StringComparison.Ordinal) || l.Contains("==>", StringComparison.Ordinal)));
        Assert.Equal(graph.Edges.Count(e => e.Kind == EdgeKind.Exception), lines.Count(l => l.Contains("-.->|exception", StringComparison.Ordinal)));
        Assert.Equal(graph.Loops().Sum(l => l.BackEdges.Count), lines.Count(l => l.Contains("==>", StringComparison.Ordinal)));
        Assert.Equal(graph.Blocks.Count, lines.Count(l => l.TrimStart().StartsWith('B') && l.Contains("[\"", StringComparison.Ordinal)));

        (code, var dot, _) = CliRunner.Run("cfg", FlowSamples.Pyc(version), "--code", "classify");
        Assert.Equal(0, code);
        Assert.Equal(DotWriter.Write(graph, $"classify (CPython {version})"), dot);
        Assert.Equal(graph.Edges.Count, dot.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_graphviz_svg_is_one_clear_line_and_exit_code_3_while_dot_and_mermaid_still_work()
    {
        var pyc = FlowSamples.Pyc("3.12");
        Environment.SetEnvironmentVariable("BYTEFLUENT_DOT", Path.Combine(Path.GetTempPath(), "no-such-dir", "dot"));
        try
        {
            var (code, stdout, stderr) = CliRunner.Run("cfg", pyc, "--format", "svg");
            Assert.Equal(3, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Single(stderr.TrimEnd().Split('\n'));
            Assert.Contains("Graphviz 'dot' was not found", stderr, StringComparison.Ordinal);
            Assert.Equal(0, CliRunner.Run("cfg", pyc, "--format", "mermaid").Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BYTEFLUENT_DOT", null);
        }
    }

    [Fact]
    public void Unknown_code_names_formats_and_files_are_usage_errors()
    {
        var pyc = FlowSamples.Pyc("3.12");
        var (code, _, stderr) = CliRunner.Run("cfg", pyc, "--code", "nope");
        Assert.Equal(2, code);
        Assert.Contains("classify", stderr, StringComparison.Ordinal);
        (code, _, stderr) = CliRunner.Run("cfg", pyc, "--format", "png");
        Assert.Equal(2, code);
        Assert.Contains("--format must be dot, svg or mermaid", stderr, StringComparison.Ordinal);
        (code, _, _) = CliRunner.Run("cfg", Path.Combine(Path.GetTempPath(), "no-such.pyc"));
        Assert.Equal(2, code);
    }

    [Theory]
    [MemberData(nameof(DocVersions))]
    public void The_pictures_of_docs_cfg_are_what_the_tool_draws(string version)
    {
        // tools/cfg-pictures.sh regenerates them.
        foreach (var (format, ext) in new[] { ("svg", "svg"), ("mermaid", "mmd") })
        {
            var (code, drawn, stderr) = CliRunner.Run("cfg", FlowSamples.Pyc(version), "--code", "classify", "--format", format);
            Assert.True(code == 0, stderr);
            var file = Path.Combine(RepositoryPaths.Root, "docs", "cfg", $"classify-{version}.{ext}");
            Assert.True(File.Exists(file), $"{file} is missing: run tools/cfg-pictures.sh");
            Assert.True(File.ReadAllText(file) == drawn, $"{file} is not what bytefluent cfg draws today: run tools/cfg-pictures.sh");
        }
    }
}
