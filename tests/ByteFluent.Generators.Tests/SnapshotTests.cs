using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The generated sources for the fixture tables equal the checked-in files under <c>Expected/</c>, and they compile
/// with documentation diagnostics on and no warnings. Set BYTEFLUENT_UPDATE_SNAPSHOTS=1 to rewrite the expected files
/// after an intended change (then review the diff).
/// </summary>
public sealed class SnapshotTests
{
    private static readonly string[] GeneratedFiles = ["Fixture27.g.cs", "Fixture27.Builder.g.cs", "Fixture312.g.cs", "Fixture312.Builder.g.cs", "GeneratedOpcodeTables.g.cs"];

    [Fact]
    public async Task Fixture_tables_generate_the_expected_sources()
    {
        if (Environment.GetEnvironmentVariable("BYTEFLUENT_UPDATE_SNAPSHOTS") == "1")
        {
            var (result, _) = GeneratorHarness.Run(GeneratorHarness.AllFixtures());
            foreach (var source in result.Results.Single().GeneratedSources)
            {
                File.WriteAllText(Path.Combine(GeneratorHarness.ExpectedFolder, source.HintName), source.SourceText.ToString());
            }
        }

        var test = new DocumentedSourceGeneratorTest();
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        foreach (var fixture in GeneratorHarness.AllFixtures())
        {
            test.TestState.AdditionalFiles.Add((fixture.Path, fixture.GetText()!));
        }

        foreach (var name in GeneratedFiles)
        {
            var expected = File.ReadAllText(Path.Combine(GeneratorHarness.ExpectedFolder, name));
            test.TestState.GeneratedSources.Add((typeof(OpcodeTableGenerator), name, SourceText.From(expected, Encoding.UTF8)));
        }

        await test.RunAsync();
    }

    private sealed class DocumentedSourceGeneratorTest : CSharpSourceGeneratorTest<OpcodeTableGenerator, DefaultVerifier>
    {
        public DocumentedSourceGeneratorTest()
        {
            // The runtime's own assemblies are added as references (GeneratorHarness.References); nothing is downloaded.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            CompilerDiagnostics = CompilerDiagnostics.Warnings;
        }

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Diagnose);

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
