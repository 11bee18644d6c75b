using Microsoft.CodeAnalysis;

namespace ByteFluent.Generators.Tests;

/// <summary>A broken table is reported as a BF diagnostic at the offending place in the file; the generator never throws.</summary>
public sealed class DiagnosticTests
{
    private static string Table312Text => File.ReadAllText(Path.Combine(GeneratorHarness.FixtureFolder, "cpython-3.12.json"));

    [Fact]
    public void Invalid_json_is_BF0001_at_the_bad_character()
    {
        var text = Table312Text.Replace("\"magic\": 3531,", "\"magic\": 3531,,", StringComparison.Ordinal);
        var d = SingleDiagnostic(text);
        Assert.Equal("BF0001", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        var line = text.Split('\n').Select((l, i) => (l, i)).First(p => p.l.Contains("3531,,", StringComparison.Ordinal));
        var span = d.Location.GetLineSpan();
        Assert.EndsWith("cpython-3.12.json", span.Path, StringComparison.Ordinal);
        Assert.Equal(line.i, span.StartLinePosition.Line);
        Assert.Equal(line.l.IndexOf(",,", StringComparison.Ordinal) + 1, span.StartLinePosition.Character);
        Assert.Contains("invalid JSON", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"hasArg\": true, \"sets\": [\"hasarg\", \"hasconst\"]", "\"hasArg\": 1, \"sets\": [\"hasarg\", \"hasconst\"]", "\"hasArg\" must be true or false")]
    [InlineData("\"name\": \"LOAD_FAST\"", "\"name\": \"LOAD-FAST\"", "does not make a C# identifier")]
    [InlineData("\"number\": 124", "\"number\": 100", "opcode number 100 (LOAD_FAST) is used twice")]
    [InlineData("\"haslocal\": [\"LOAD_FAST\"]", "\"haslocal\": [\"LOAD_FAST\", \"POP_TOP\"]", "set haslocal holds POP_TOP")]
    [InlineData("\"magicBytes\": \"cb0d0d0a\",", "", "missing \"magicBytes\"")]
    [InlineData("\"stackEffect\": { \"noJump\": { \"base\": 1 } }, \"pops\": {} },\n    { \"name\": \"SWAP\"", "\"stackEffect\": { \"noJump\": { \"base\": 1.5 } }, \"pops\": {} },\n    { \"name\": \"SWAP\"", "only integers")]
    [InlineData("\"mask\": 4, \"table\": [0, 0, 0, 0, -1]", "\"mask\": 5, \"table\": [0, 0, 0, 0, -1]", "mask (5) must be less than its table's length (5)")]
    [InlineData("\"deopt\": \"BINARY_OP\"", "\"deopt\": \"BINARY_OPERATION\"", "refers to BINARY_OPERATION")]
    public void Inconsistent_table_is_BF0001_with_a_precise_message(string find, string replace, string message)
    {
        Assert.Contains(find, Table312Text, StringComparison.Ordinal);
        var d = SingleDiagnostic(Table312Text.Replace(find, replace, StringComparison.Ordinal));
        Assert.Equal("BF0001", d.Id);
        Assert.Contains(message, d.GetMessage(), StringComparison.Ordinal);
        Assert.True(d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile);
    }

    [Fact]
    public void Unknown_format_is_BF0003()
    {
        var d = SingleDiagnostic(Table312Text.Replace("\"format\": 1,", "\"format\": 2,", StringComparison.Ordinal));
        Assert.Equal("BF0003", d.Id);
        Assert.Contains("format 2", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(1, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Two_tables_with_one_class_name_are_BF0002_and_the_first_still_generates()
    {
        var copy = new InMemoryAdditionalText("/custom/my-build.opcodes.json", Table312Text);
        var (result, _) = GeneratorHarness.Run([GeneratorHarness.Fixture("cpython-3.12.json"), copy]);
        var run = result.Results.Single();
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("BF0002", d.Id);
        Assert.Contains("my-build.opcodes.json", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(run.GeneratedSources, s => s.HintName == "Fixture312.g.cs");
    }

    [Fact]
    public void Broken_table_generates_nothing_for_it_but_the_others_still_generate()
    {
        var broken = new InMemoryAdditionalText("/x/cpython-3.12.json", "{ \"format\": 1, ");
        var (result, output) = GeneratorHarness.Run([GeneratorHarness.Fixture("cpython-2.7.json"), broken]);
        var run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Equal("BF0001", Assert.Single(run.Diagnostics).Id);
        Assert.Equal(["Fixture27.Builder.g.cs", "Fixture27.g.cs", "GeneratedOpcodeTables.g.cs"], run.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Only_table_file_names_are_read()
    {
        var other = new InMemoryAdditionalText("/x/appsettings.json", "{ not json");
        var custom = new InMemoryAdditionalText("/x/remapped.opcodes.json", Table312Text.Replace("\"Fixture312\"", "\"Remapped312\"", StringComparison.Ordinal));
        var options = new FixedOptionsProvider(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.ByteFluentNamespace"] = "User.Opcodes" });
        var driver = GeneratorHarness.Driver([other, custom], options: options).RunGenerators(GeneratorHarness.Compilation());
        var run = driver.GetRunResult().Results.Single();
        Assert.Empty(run.Diagnostics);
        var source = run.GeneratedSources.Single(s => s.HintName == "Remapped312.g.cs").SourceText.ToString();
        Assert.Contains("namespace User.Opcodes;", source, StringComparison.Ordinal);
        Assert.Contains("global::User.Opcodes.Remapped312.Table", run.GeneratedSources.Single(s => s.HintName == "GeneratedOpcodeTables.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Project_without_tables_gets_no_source()
    {
        var other = new InMemoryAdditionalText("/x/settings.json", "{}");
        var (result, output) = GeneratorHarness.Run([other], "namespace User; public static class A { }");
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Every_analyzer_rule_has_its_help_anchor_and_release_row()
    {
        var help = File.ReadAllText(Path.Combine(ByteFluent.TestSupport.RepositoryPaths.Root, "docs", "diagnostics.md"));
        var releases = File.ReadAllText(Path.Combine(ByteFluent.TestSupport.RepositoryPaths.Root, "generators", "ByteFluent.Generators", "AnalyzerReleases.Unshipped.md"));
        var rules = new Analyzers.BuilderAnalyzer().SupportedDiagnostics;
        Assert.Contains(rules, r => r.Id == "BF0016");
        Assert.All(rules, r =>
        {
            Assert.Equal("docs/diagnostics.md#" + r.Id, r.HelpLinkUri);
            Assert.Contains("\n## " + r.Id + "\n", help.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains($"| [{r.Id}](#{r.Id.ToLowerInvariant()}) |", help, StringComparison.Ordinal);
            Assert.Contains("\n" + r.Id + " | ", releases.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        });
    }

    private static Diagnostic SingleDiagnostic(string table312)
    {
        var (result, _) = GeneratorHarness.Run([new InMemoryAdditionalText("/x/cpython-3.12.json", table312)]);
        var run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName == "Fixture312.g.cs");
        return Assert.Single(run.Diagnostics);
    }
}
