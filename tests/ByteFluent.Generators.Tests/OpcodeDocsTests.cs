using ByteFluent.Generators.Docs;
using ByteFluent.TestSupport;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The opcode docs (src/ByteFluent/Versions/Docs/*.docs.json) cover every opcode of every table in
/// src/ByteFluent/Versions/Tables: each real and pseudo opcode has its own entry; a specialized opcode is documented
/// through the opcode it specializes (its <c>deopt</c>), an instrumented one through the opcode it wraps.
/// </summary>
public sealed class OpcodeDocsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The tables the docs must cover; tables added later (older CPythons, PyPy) are listed, not failed.</summary>
    private static readonly string[] Covered =
    [
        "cpython-2.7.json", "cpython-3.6.json", "cpython-3.7.json", "cpython-3.8.json", "cpython-3.9.json", "cpython-3.10.json",
        "cpython-3.11.json", "cpython-3.12.json", "cpython-3.13.json", "cpython-3.14.json", "cpython-3.15.json",
    ];

    private static readonly DocSet Docs = DocsReader.Merge(
        GeneratorHarness.Docs().Select(f => (IReadOnlyList<OpcodeDoc>)DocsReader.Read(f.GetText()!.ToString())));

    public static TheoryData<string> Tables() => [.. TableFiles()];

    private static string[] TableFiles() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "ByteFluent", "Versions", "Tables"), "*.json").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_opcode_of_the_table_has_a_doc_entry(string tableFile)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "ByteFluent", "Versions", "Tables", tableFile));
        var table = ByteFluent.Generators.Tables.TableReader.Read(tableFile, "ByteFluent", text);
        var missing = new List<string>();
        foreach (var op in table.Opcodes)
        {
            var documentedAs = op.Category switch
            {
                "specialized" => op.Deopt,
                "instrumented" => op.Name.StartsWith("INSTRUMENTED_", StringComparison.Ordinal) ? op.Name["INSTRUMENTED_".Length..] : null,
                _ => op.Name,
            };
            // Instrumented opcodes without an uninstrumented twin (INSTRUMENTED_LINE, ...) are described by the generator itself.
            if (op.Category == "instrumented" && !table.Opcodes.Any(o => o.Name == documentedAs))
            {
                continue;
            }

            if (documentedAs is null || Docs.Find(documentedAs) is not { } doc)
            {
                missing.Add($"{op.Name} ({op.Category})");
                continue;
            }

            var forVersion = doc.For(table.VersionKey);
            Assert.False(string.IsNullOrWhiteSpace(forVersion.Does), op.Name);
            Assert.False(string.IsNullOrWhiteSpace(forVersion.Stack), op.Name);
        }

        if (!Covered.Contains(tableFile))
        {
            // A table that arrived after the docs were written: the builder falls back to the table's facts alone.
            output.WriteLine($"{tableFile}: {missing.Count} opcode(s) without a doc entry: {string.Join(", ", missing)}");
            return;
        }

        Assert.True(missing.Count == 0, $"{tableFile}: no doc entry for {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_covered_tables_are_all_present() =>
        Assert.All(Covered, t => Assert.Contains(t, TableFiles()));

    [Fact]
    public void Eras_override_the_general_entry()
    {
        var global = Docs.Find("LOAD_GLOBAL")!;
        Assert.Contains("NULL", global.For((3, 12)).Stack, StringComparison.Ordinal);
        Assert.StartsWith(" → value, [NULL]", global.For((3, 13)).Stack, StringComparison.Ordinal);
        Assert.Equal(" → value", global.For((2, 7)).Stack);
        Assert.Null(Docs.Find("POP_JUMP_IF_FALSE")!.For((3, 12)).Trap);
        Assert.Contains("TO_BOOL", Docs.Find("POP_JUMP_IF_FALSE")!.For((3, 13)).Trap, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_builders_carry_the_docs()
    {
        var tables = new[] { "cpython-3.13.json", "cpython-2.7.json" }
            .Select(n => (Microsoft.CodeAnalysis.AdditionalText)new InMemoryAdditionalText(n, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "ByteFluent", "Versions", "Tables", n))));
        var (result, _) = GeneratorHarness.Run(tables.Concat(GeneratorHarness.Docs()));
        var builder = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Python313.Builder.g.cs").SourceText.ToString();
        Assert.Contains("Emits <c>POP_JUMP_IF_FALSE</c>: pops the top item and jumps when it is false.", builder, StringComparison.Ordinal);
        Assert.Contains("Trap: From 3.13 the value must be an exact bool", builder, StringComparison.Ordinal);
        Assert.Contains("Stack, top on the right: <c>→ value, [NULL]</c>", builder, StringComparison.Ordinal);
        Assert.Contains("the name exists in 2.7, 3.13", builder, StringComparison.Ordinal);
        Assert.Contains("where it is missing: SWAP 2", result.Results.Single().GeneratedSources.Single(s => s.HintName == "Python27.Builder.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }
}
