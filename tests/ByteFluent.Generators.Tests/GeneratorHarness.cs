using System.Collections.Immutable;
using System.Text;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ByteFluent.Generators.Tests;

/// <summary>Runs <see cref="OpcodeTableGenerator"/> over fixture tables without MSBuild.</summary>
internal static class GeneratorHarness
{
    public static string ProjectFolder => Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Generators.Tests");

    public static string FixtureFolder => Path.Combine(ProjectFolder, "Fixtures");

    public static string ExpectedFolder => Path.Combine(ProjectFolder, "Expected");

    public static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>The runtime's assemblies plus ByteFluent: enough to compile and check the generated code.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
        .Append(typeof(Opcode).Assembly.Location)
        .Distinct()
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    public static AdditionalText Fixture(string fileName)
        => new InMemoryAdditionalText(Path.Combine(FixtureFolder, fileName), File.ReadAllText(Path.Combine(FixtureFolder, fileName)));

    /// <summary>The library's opcode docs (src/ByteFluent/Versions/Docs/*.docs.json), which the generator reads beside the tables.</summary>
    public static string DocsFolder => Path.Combine(RepositoryPaths.Root, "src", "ByteFluent", "Versions", "Docs");

    public static IReadOnlyList<AdditionalText> Docs()
        => Directory.GetFiles(DocsFolder, "*.docs.json").Order(StringComparer.Ordinal)
            .Select(f => (AdditionalText)new InMemoryAdditionalText(f, File.ReadAllText(f))).ToArray();

    /// <summary>The fixture tables plus the library's opcode docs.</summary>
    public static IReadOnlyList<AdditionalText> AllFixtures()
        => Directory.GetFiles(FixtureFolder, "*.json").Order(StringComparer.Ordinal).Select(f => Fixture(Path.GetFileName(f))).Concat(Docs()).ToArray();

    public static CSharpCompilation Compilation(params string[] sources)
        => CSharpCompilation.Create(
            "GeneratorTest",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> tables, bool trackSteps = true, AnalyzerConfigOptionsProvider? options = null)
        => CSharpGeneratorDriver.Create(
            [new OpcodeTableGenerator().AsSourceGenerator()],
            tables,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once; returns the run result and the compilation with the generated code.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(IEnumerable<AdditionalText> tables, params string[] sources)
    {
        var driver = Driver(tables).RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out _);
        return (driver.GetRunResult(), output);
    }
}

/// <summary>An additional file held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Analyzer options that give chosen metadata to every additional file.</summary>
internal sealed class FixedOptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    private readonly FixedOptions _options = new(values);

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private sealed class FixedOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            => values.TryGetValue(key, out value);
    }
}
