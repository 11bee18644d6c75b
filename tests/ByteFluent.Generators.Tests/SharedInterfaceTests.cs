using ByteFluent.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The shared-interface step: its sources for the fixture tables (in a namespace of their own) equal the files under
/// <c>Expected/Shared/</c>, compile with generic code written once for both fixture builders, stay cached on edits that
/// leave the opcode methods alone, and are left out for a namespace a referenced assembly already declares them in.
/// Set BYTEFLUENT_UPDATE_SNAPSHOTS=1 to rewrite the expected files.
/// </summary>
public sealed class SharedInterfaceTests
{
    private const string Namespace = "Fixtures";

    private static readonly string[] SharedFiles = ["Fixtures.Shared.g.cs", "Fixture27.Shared.g.cs", "Fixture312.Shared.g.cs"];

    private static string ExpectedFolder => Path.Combine(GeneratorHarness.ExpectedFolder, "Shared");

    private static FixedOptionsProvider Options => new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.ByteFluentNamespace"] = Namespace });

    /// <summary>Generic code over the group both fixtures share, called with each fixture's builder.</summary>
    private const string User = """
        using ByteFluent.Building;
        using Fixtures;
        using Fixtures.Shared;

        namespace User;

        /// <summary>Written once.</summary>
        public static class Generic
        {
            /// <summary>Pair.</summary>
            /// <typeparam name="T">Builder.</typeparam>
            /// <param name="b">The builder.</param>
            /// <returns>The builder.</returns>
            public static T Pair<T>(T b) where T : CodeBuilder<T>, IFixture27Onward<T>
                => b.LoadFast("a").LoadFast("b").BuildTuple(2).PopTop().LoadConst(null);

            /// <summary>Constant.</summary>
            /// <typeparam name="T">Builder.</typeparam>
            /// <param name="b">The builder.</param>
            /// <returns>The builder.</returns>
            public static T Constant<T>(T b) where T : CodeBuilder<T>, ILoadConst<T>, IPopTop<T>
                => b.LoadConst(1).PopTop();

            /// <summary>Both.</summary>
            /// <returns>The builders.</returns>
            public static object[] Both() =>
            [
                Pair(Fixture27.Function("f", ["a", "b"])),
                Pair(Fixture312.Function("f", ["a", "b"])),
                Constant(Fixture27.Function("f")),
                Constant(Fixture312.Function("f")),
            ];
        }
        """;

    private static (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(params string[] sources)
    {
        var driver = GeneratorHarness.Driver(GeneratorHarness.AllFixtures(), options: Options)
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(sources), out var output, out _);
        return (driver.GetRunResult(), output, driver);
    }

    [Fact]
    public void Fixture_tables_generate_the_expected_shared_interfaces()
    {
        var (result, _, _) = Run();
        var generated = result.Results.Single().GeneratedSources.Where(s => SharedFiles.Contains(s.HintName)).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(SharedFiles.Order(StringComparer.Ordinal), generated.Keys.Order(StringComparer.Ordinal));
        if (Environment.GetEnvironmentVariable("BYTEFLUENT_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(ExpectedFolder);
            foreach (var (name, text) in generated)
            {
                File.WriteAllText(Path.Combine(ExpectedFolder, name), text);
            }
        }

        foreach (var (name, text) in generated)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(ExpectedFolder, name)).ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void Generic_code_written_once_compiles_for_both_fixture_builders()
    {
        var (_, output, _) = Run(User);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The group is exactly what both tables share: 3.12's own group has SWAP, which 2.7 lacks.
        var group27 = output.GetTypeByMetadataName("Fixtures.Shared.IFixture27Onward`1")!;
        var group312 = output.GetTypeByMetadataName("Fixtures.Shared.IFixture312Onward`1")!;
        var builder27 = output.GetTypeByMetadataName("Fixtures.Fixture27+Builder")!;
        var builder312 = output.GetTypeByMetadataName("Fixtures.Fixture312+Builder")!;
        Assert.Contains(builder27.AllInterfaces, i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, group27));
        Assert.Contains(builder312.AllInterfaces, i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, group27));
        Assert.DoesNotContain(builder27.AllInterfaces, i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, group312));
        Assert.Contains(group312.AllInterfaces, i => i.Name == "ISwap");
        Assert.DoesNotContain(group27.AllInterfaces, i => i.Name == "ISwap");
        Assert.Contains(group27.AllInterfaces, i => i.Name == "ILoadFast");
    }

    [Fact]
    public void Same_parameters_implement_directly_and_only_shared_opcodes_are_listed()
    {
        var (result, _, _) = Run();
        var text = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Fixture312.Shared.g.cs").SourceText.ToString();
        var text27 = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Fixture27.Shared.g.cs").SourceText.ToString();
        Assert.Contains("global::Fixtures.Shared.ILoadFast<Builder>", text27, StringComparison.Ordinal);
        Assert.Contains("global::Fixtures.Shared.ILoadFast<Builder>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ILoadFast<Builder>.LoadFast", text, StringComparison.Ordinal);

        // COMPARE_OP takes each version's own CompareOperator enum and BINARY_OP its BinaryOperator: never shared.
        Assert.DoesNotContain("ICompareOp", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IBinaryOp", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ISwap", text27, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrelated_edit_and_an_interpreter_change_keep_the_shared_sources_cached()
    {
        var compilation = GeneratorHarness.Compilation("namespace User; public static class A { }");
        var fixtures = GeneratorHarness.AllFixtures();
        var driver = GeneratorHarness.Driver(fixtures, options: Options).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace User; internal sealed class B { }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(edited);
        AssertAll(driver.GetRunResult(), [SharedTrackingNames.Declared, SharedTrackingNames.Model, SharedTrackingNames.InterfaceSources, SharedTrackingNames.BuilderSources],
            r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

        var old = fixtures.Single(f => f.Path.EndsWith("cpython-3.12.json", StringComparison.Ordinal));
        var changed = new InMemoryAdditionalText(old.Path, old.GetText()!.ToString().Replace("\"3.12.1\"", "\"3.12.2\"", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(old, changed).RunGenerators(edited);
        AssertAll(driver.GetRunResult(), [SharedTrackingNames.Model, SharedTrackingNames.InterfaceSources, SharedTrackingNames.BuilderSources],
            r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Removing_an_opcode_regenerates_the_interfaces()
    {
        var compilation = GeneratorHarness.Compilation("namespace User; public static class A { }");
        var fixtures = GeneratorHarness.AllFixtures();
        var driver = GeneratorHarness.Driver(fixtures, options: Options).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Fixture312.Shared.g.cs").SourceText.ToString();
        Assert.Contains("ISwap<Builder>", before, StringComparison.Ordinal);

        var old = fixtures.Single(f => f.Path.EndsWith("cpython-3.12.json", StringComparison.Ordinal));
        var changed = new InMemoryAdditionalText(old.Path, old.GetText()!.ToString().Replace("\"SWAP\"", "\"SWAP_RENAMED\"", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(old, changed).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        var after = result.GeneratedSources.Single(s => s.HintName == "Fixture312.Shared.g.cs").SourceText.ToString();
        Assert.DoesNotContain("ISwap<Builder>", after, StringComparison.Ordinal);
        Assert.Contains("ISwapRenamed<Builder>", after, StringComparison.Ordinal);
        var reasons = result.TrackedSteps[SharedTrackingNames.BuilderSources].SelectMany(r => r.Outputs)
            .ToDictionary(o => ((GeneratedSource)o.Value).HintName, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Fixture312.Shared.g.cs"]);
    }

    [Fact]
    public void A_namespace_a_reference_already_declares_gets_no_second_copy()
    {
        // The fixtures in the library's own namespace: ByteFluent.dll (referenced) already has ByteFluent.Shared.
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.AllFixtures());
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName.EndsWith(".Shared.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
    }

    private static void AssertAll(GeneratorDriverRunResult run, string[] steps, Func<IncrementalStepRunReason, bool> ok)
    {
        var result = run.Results.Single();
        foreach (var step in steps)
        {
            var runs = result.TrackedSteps[step];
            Assert.NotEmpty(runs);
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Assert.True(ok(output.Reason), $"step {step} produced {output.Reason}");
            }
        }
    }
}
