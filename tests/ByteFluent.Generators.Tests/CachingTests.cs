using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ByteFluent.Generators.Tests;

/// <summary>The pipeline caches: C# edits leave every tracked step cached, and a table edit redoes only that table.</summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps =
    [
        TrackingNames.TableFiles, TrackingNames.ParsedTables, TrackingNames.ValidTables, TrackingNames.TableEmissions,
        TrackingNames.TableSources, TrackingNames.BuilderSources, TrackingNames.Registry, TrackingNames.Diagnostics,
        TrackingNames.DocFiles, TrackingNames.Docs,
    ];

    [Fact]
    public void Unrelated_syntax_edit_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.Compilation("namespace User; public static class A { public static int X => 1; }");
        var driver = GeneratorHarness.Driver(GeneratorHarness.AllFixtures()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Equal(5, first.GeneratedSources.Length);
        AssertNoCompilerObjects(first);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("namespace User; public static class A { public static int X => 2; public static int Y => 3; }", GeneratorHarness.ParseOptions))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace User; internal sealed class B { }", GeneratorHarness.ParseOptions));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var runs = second.TrackedSteps[step];
            Assert.NotEmpty(runs);
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {step} produced {output.Reason} after an unrelated edit");
            }
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_table_regenerates_only_that_table()
    {
        var fixtures = GeneratorHarness.AllFixtures();
        var compilation = GeneratorHarness.Compilation("namespace User; public static class A { }");
        var driver = GeneratorHarness.Driver(fixtures).RunGenerators(compilation);

        var old = fixtures.Single(f => f.Path.EndsWith("cpython-3.12.json", StringComparison.Ordinal));
        var changed = new InMemoryAdditionalText(old.Path, old.GetText()!.ToString().Replace("\"3.12.1\"", "\"3.12.2\"", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(old, changed).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var sources = result.TrackedSteps[TrackingNames.TableSources].SelectMany(r => r.Outputs).ToList();
        Assert.Equal(2, sources.Count);
        var reasons = sources.Select(o => (((GeneratedSource)o.Value).HintName, o.Reason)).ToDictionary(p => p.HintName, p => p.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Fixture312.g.cs"]);
        Assert.True(reasons["Fixture27.g.cs"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reasons["Fixture27.g.cs"].ToString());
        Assert.Contains("3.12.2", result.GeneratedSources.Single(s => s.HintName == "Fixture312.g.cs").SourceText.ToString(), StringComparison.Ordinal);

        // Builders hang off single tables too: the other table's builder is not even re-run.
        var builders = result.TrackedSteps[TrackingNames.BuilderSources].SelectMany(r => r.Outputs)
            .ToDictionary(o => ((GeneratedSource)o.Value).HintName, o => o.Reason);
        Assert.Equal(2, builders.Count);
        Assert.Equal(IncrementalStepRunReason.Cached, builders["Fixture27.Builder.g.cs"]);
        Assert.True(builders["Fixture312.Builder.g.cs"] is IncrementalStepRunReason.Modified or IncrementalStepRunReason.Unchanged, builders["Fixture312.Builder.g.cs"].ToString());
    }

    /// <summary>The cookbook's rule: no step may hold symbols, syntax or a Compilation (they defeat caching and pin memory).</summary>
    private static void AssertNoCompilerObjects(GeneratorRunResult run)
    {
        foreach (var (name, steps) in run.TrackedSteps)
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Visit(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void Visit(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree, $"step {step} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Visit(item, step, seen);
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.DeclaringType?.Assembly == typeof(OpcodeTableGenerator).Assembly)
            {
                Visit(property.GetValue(value), step, seen);
            }
        }
    }
}
