using System.Text.RegularExpressions;
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

    /// <summary>Traps a method's doc must name (opcode, first and last version, a word the trap must contain).</summary>
    private static readonly (string Opcode, (int, int) From, (int, int) To, string Word)[] RequiredTraps =
    [
        ("POP_JUMP_IF_TRUE", (3, 13), (9, 99), "TO_BOOL"),
        ("POP_JUMP_IF_FALSE", (3, 13), (9, 99), "TO_BOOL"),
        ("UNARY_NOT", (3, 13), (9, 99), "TO_BOOL"),
        ("KW_NAMES", (3, 12), (3, 12), "tuple"),
        ("SWAP", (3, 11), (9, 99), "depth"),
        ("COPY", (3, 11), (9, 99), "depth"),
        ("ROT_N", (3, 10), (3, 10), "depth"),
        ("DUP_TOPX", (2, 7), (2, 7), "depth"),
        ("LOAD_FAST", (2, 7), (9, 99), "fast locals"),
        ("STORE_FAST", (2, 7), (9, 99), "fast locals"),
        ("DELETE_FAST", (2, 7), (9, 99), "fast locals"),
        ("LOAD_DEREF", (2, 7), (9, 99), "cells or frees"),
        ("STORE_DEREF", (2, 7), (9, 99), "cells or frees"),
        ("FOR_ITER", (2, 7), (9, 99), "iterator"),
        ("BINARY_OP", (3, 11), (9, 99), "operator numbers"),
        ("CALL_INTRINSIC_1", (3, 12), (9, 99), "intrinsic numbers"),
        ("CALL", (3, 11), (9, 99), "NULL"),
        ("RESUME", (3, 11), (9, 99), "start"),
        ("COMPARE_OP", (3, 12), (9, 99), "low bits"),
    ];

    private static readonly Regex MethodDoc = new(
        @"(?<doc>(?:[ \t]*///.*\n)+)[ \t]*\[global::ByteFluent\.Building\.OpcodeMethod\(""(?<name>[^""]+)""", RegexOptions.Compiled);

    /// <summary>The builders generated from the 11 native tables and the docs together (availability spans all of them).</summary>
    private static readonly Lazy<Dictionary<string, string>> NativeBuilders = new(() =>
    {
        var tables = Covered.Select(n => (Microsoft.CodeAnalysis.AdditionalText)new InMemoryAdditionalText(n, File.ReadAllText(TablePath(n))));
        var (result, _) = GeneratorHarness.Run(tables.Concat(GeneratorHarness.Docs()));
        return result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
    });

    public static TheoryData<string> NativeTables() => [.. Covered];

    /// <summary>
    /// Every typed method of a native builder says, in its XML doc: what the opcode does in one sentence, the stack
    /// before → after, the argument's meaning (when it takes one), which versions have the name and what replaces it
    /// where it is missing, and the traps listed in <see cref="RequiredTraps"/>. Checked on the generated text, so both
    /// the data (Versions/Docs/*.docs.json) and its emission must hold.
    /// </summary>
    [Theory]
    [MemberData(nameof(NativeTables))]
    public void Every_native_method_doc_says_the_five_facts(string tableFile)
    {
        var table = ByteFluent.Generators.Tables.TableReader.Read(tableFile, "ByteFluent", File.ReadAllText(TablePath(tableFile)));
        var builder = NativeBuilders.Value[table.ClassName + ".Builder.g.cs"];
        var docs = MethodDoc.Matches(builder).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["doc"].Value, StringComparer.Ordinal);
        var realIn = Covered.ToDictionary(t => t, t => ByteFluent.Generators.Tables.TableReader.Read(t, "ByteFluent", File.ReadAllText(TablePath(t)))
            .Opcodes.Where(o => o.Category == "real").Select(o => o.Name).ToHashSet(StringComparer.Ordinal));
        var gaps = new List<string>();
        var methods = 0;
        foreach (var op in table.Opcodes.Where(o => o.Category == "real" && o.Name is not ("CACHE" or "EXTENDED_ARG" or "EXTENDED_ARG_QUICK")))
        {
            methods++;
            if (!docs.TryGetValue(op.Name, out var doc))
            {
                gaps.Add($"{op.Name}: no typed method");
                continue;
            }

            var data = Docs.Find(op.Name)?.For(table.VersionKey);
            var does = Regex.Match(doc, @"<summary>Emits <c>[^<]+</c>: (?<s>.*)</summary>");
            if (!does.Success || !does.Groups["s"].Value.EndsWith('.') || Regex.IsMatch(does.Groups["s"].Value.TrimEnd('.'), @"\.\s+[A-Z]"))
            {
                gaps.Add($"{op.Name}: no one-sentence summary of what it does");
            }

            var stack = Regex.Match(doc, @"Stack, top on the right: <c>(?<s>[^<]*)</c>");
            if (!stack.Success || !(stack.Groups["s"].Value.Contains('→') || stack.Groups["s"].Value.StartsWith('(')))
            {
                gaps.Add($"{op.Name}: no stack before → after");
            }

            if (op.HasArg && (string.IsNullOrWhiteSpace(data?.Arg) || !doc.Contains("Argument: ", StringComparison.Ordinal)))
            {
                gaps.Add($"{op.Name}: the argument's meaning is missing");
            }

            var missingIn = Covered.Where(t => !realIn[t].Contains(op.Name)).ToList();
            if (!doc.Contains("the name exists in ", StringComparison.Ordinal)
                || (missingIn.Count > 0 && !doc.Contains("where it is missing: ", StringComparison.Ordinal)))
            {
                gaps.Add($"{op.Name}: no versions, or nothing says what replaces it in {string.Join(", ", missingIn)}");
            }

            foreach (var (name, from, to, word) in RequiredTraps)
            {
                if (name == op.Name && table.VersionKey.CompareTo(from) >= 0 && table.VersionKey.CompareTo(to) <= 0
                    && !Regex.IsMatch(doc, "Trap: [^\n]*" + Regex.Escape(word)))
                {
                    gaps.Add($"{op.Name}: the trap about '{word}' is missing");
                }
            }
        }

        output.WriteLine($"{tableFile}: {methods} typed methods, {gaps.Count} gaps");
        Assert.True(methods > 50, $"{tableFile}: only {methods} methods found");
        Assert.True(gaps.Count == 0, $"{tableFile}:\n" + string.Join("\n", gaps));
    }

    [Fact]
    public void The_required_traps_name_opcodes_of_the_native_tables() =>
        Assert.All(RequiredTraps, t => Assert.Contains(Covered, n => File.ReadAllText(TablePath(n)).Contains($"\"name\": \"{t.Opcode}\"", StringComparison.Ordinal)));

    private static string TablePath(string tableFile) => Path.Combine(RepositoryPaths.Root, "src", "ByteFluent", "Versions", "Tables", tableFile);

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
