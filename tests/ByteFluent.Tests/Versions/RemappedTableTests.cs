using System.Text.Json.Nodes;
using ByteFluent.Cli;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Versions;

/// <summary>
/// Custom opcode tables kept through the model: a table file read at run time (<see cref="OpcodeTableFile"/>) equals the
/// generated built-in table; a table with permuted opcode numbers (CACHE stays 0, EXTENDED_ARG moves but keeps its role)
/// makes <c>ToCode(table)</c> write its numbers and <c>FromCode(code, table)</c> read them back; and a real stdlib
/// <c>.pyc</c> "obfuscated" with such a table (opcode bytes rewritten directly, custom magic) is read with the table,
/// written with the standard one, and runs in the real interpreter like the original.
/// </summary>
public sealed class RemappedTableTests
{
    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    public static TheoryData<string> Remapped => ["3.10", "3.12", "3.13"];

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_table_file_read_at_run_time_equals_the_generated_table(string version)
    {
        var builtIn = OpcodeTables.ForVersion(PythonVersion.Parse(version));
        var loaded = OpcodeTableFile.Load(Path.Combine(RepositoryPaths.OpcodeTables, $"cpython-{version}.json"));
        Assert.Equal(Describe(builtIn), Describe(loaded));
    }

    [Fact]
    public void A_table_file_of_another_format_is_rejected()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.OpcodeTables, "cpython-3.12.json")))!;
        json["format"] = 2;
        var e = Assert.Throws<InvalidOpcodeTableException>(() => OpcodeTableFile.Parse(json.ToJsonString(), "x.json"));
        Assert.Contains("format 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Built_code_is_written_with_the_remapped_numbers_and_read_back_with_the_same_listing()
    {
        var standard = OpcodeTables.ForVersion(PythonVersion.V3_12);
        var (remapped, map) = Remap("3.12", seed: 7);

        // A loop long enough that its backward jump needs EXTENDED_ARG, with inline caches (BINARY_OP, LOAD_GLOBAL).
        var f = Python312.Function("f", args: ["n"]).Resume(0).LoadConst(0).StoreFast("t")
            .DefineLabel(out var loop).DefineLabel(out var end)
            .MarkLabel(loop).LoadFast("n").PopJumpIfFalse(end)
            .LoadFast("t").LoadFast("n").BinaryOp(Python312.BinaryOperator.Add).StoreFast("t");
        for (var i = 0; i < 300; i++)
        {
            f.Nop();
        }

        var model = f.LoadGlobal("abs", pushNull: true).LoadFast("n").Call(1).LoadConst(1).BinaryOp(Python312.BinaryOperator.Subtract).StoreFast("n")
            .JumpBackward(loop).MarkLabel(end).LoadFast("t").ReturnValue().Build();

        var plain = model.ToCode();
        var custom = model.ToCode(remapped);
        Assert.Equal(plain.Code.Length, custom.Code.Length);
        Assert.Contains(plain.Code.Where((_, i) => i % 2 == 0), b => b == standard.ExtendedArg.Number);
        for (var i = 0; i < plain.Code.Length; i += 2)
        {
            Assert.Equal(map[plain.Code[i]], custom.Code[i]);
            Assert.Equal(plain.Code[i + 1], custom.Code[i + 1]);
        }

        Assert.False(plain.Code.SequenceEqual(custom.Code));
        var readBack = Code.FromCode(custom, remapped);
        Assert.Same(remapped, readBack.Table);
        Assert.Equal(Code.FromCode(plain, PythonVersion.V3_12).CodeList.ToString(), readBack.CodeList.ToString());
        SameBytes(plain.Code, readBack.ToCode(standard).Code);
        SameBytes(custom.Code, readBack.ToCode().Code);

        // A model built on the custom table assembles with it by default.
        var onCustom = new Code(remapped)
        {
            Name = model.Name, Filename = model.Filename, FirstLineNo = 1, CodeList = model.CodeList,
            Flags = model.Flags, ArgCount = model.ArgCount, VarNames = model.VarNames, LocalsPlus = model.LocalsPlus,
        };
        Assert.Equal(remapped["NOP"].Number, onCustom.ToCode().Code.Where((_, i) => i % 2 == 0).First(b => b == remapped["NOP"].Number));
    }

    [Fact]
    public void A_builder_on_a_custom_table_writes_its_numbers_and_its_magic()
    {
        var (remapped, map) = Remap("3.12", seed: 5, magic: 23130);
        var builder = new TableBuilder(remapped).Emit(remapped["RESUME"], 0).Emit(remapped["LOAD_CONST"], new PyInt(5)).Emit(remapped["UNARY_NEGATIVE"])
            .Emit(remapped["RETURN_VALUE"]);
        var bytes = builder.ToPyc().ToBytes();
        Assert.Equal(23130, bytes[0] | (bytes[1] << 8));

        var read = PycFile.Read(bytes, remapped);
        var standard = new TableBuilder(OpcodeTables.ForVersion(PythonVersion.V3_12)).Emit(Python312.RESUME, 0).Emit(Python312.LOAD_CONST, new PyInt(5))
            .Emit(Python312.UNARY_NEGATIVE).Emit(Python312.RETURN_VALUE).ToPyc();
        Assert.Equal(MagicNumbers.Of(PythonVersion.V3_12), standard.Header.Magic);
        Assert.Equal(standard.Code.Code.Select(b => b).Where((_, i) => i % 2 == 0).Select(b => map[b]), read.Code.Code.Where((_, i) => i % 2 == 0));
        Assert.Equal(Code.FromCode(standard.Code, PythonVersion.V3_12).CodeList.ToString(), Code.FromCode(read.Code, remapped).CodeList.ToString());
    }

    /// <summary>The smallest builder over any table: what a generated builder is without its typed methods.</summary>
    private sealed class TableBuilder(OpcodeTable table) : ByteFluent.Building.CodeBuilder<TableBuilder>(table, new ByteFluent.Building.CodeBuilderOptions());

    [Theory]
    [MemberData(nameof(Remapped))]
    public void A_remapped_stdlib_pyc_is_read_with_its_table_and_runs_after_writing_it_with_the_standard_table(string version)
    {
        var v = PythonVersion.Parse(version);
        var (remapped, map) = Remap(version, seed: 11, magic: 23130);
        var work = Path.Combine(RepositoryPaths.BuildCache("remapped-table"), version);
        var tablePath = Path.Combine(work, "remapped.opcodes.json");
        var restoredDir = Path.Combine(work, "restored");
        var plainDir = Path.Combine(work, "plain");
        Directory.CreateDirectory(restoredDir);
        Directory.CreateDirectory(plainDir);
        File.WriteAllText(tablePath, RemapJson(version, seed: 11, magic: 23130));
        string[] modules = ["textwrap", "colorsys", "fractions"];
        foreach (var module in modules)
        {
            var tag = "cpython-" + version.Replace(".", string.Empty, StringComparison.Ordinal);
            var original = PycFile.Load(Path.Combine(Interpreters.NativeStdlib(version), "__pycache__", $"{module}.{tag}.pyc"));

            // The "protected" file: every opcode byte rewritten through the permutation, under the build's own magic.
            var obfuscatedPath = Path.Combine(work, module + ".obfuscated.pyc");
            File.WriteAllBytes(obfuscatedPath, (original with { Header = original.Header with { Magic = 23130 }, Value = RemapBytes(original.Code, map) }).ToBytes());
            Assert.Throws<PycFormatException>(() => PycFile.Load(obfuscatedPath));

            var obfuscated = PycFile.Load(obfuscatedPath, remapped);
            Assert.Equal(v, obfuscated.Header.Version);
            var model = Code.FromCode(obfuscated.Code, remapped);
            Assert.Equal(Code.FromCode(original.Code, v).CodeList.ToString(), model.CodeList.ToString());
            var restored = model.ToCode(OpcodeTables.ForVersion(v));

            // The CLI's dis with the table file lists the protected file as dis lists the original.
            var originalPath = Path.Combine(work, module + ".original.pyc");
            original.Save(originalPath);
            Assert.Equal(Listing("dis", originalPath), Listing("dis", "--table", tablePath, obfuscatedPath));
            PycFile.Create(restored, v).Save(Path.Combine(restoredDir, module + ".pyc"));
        }

        const string Script = """
            import sys, textwrap, colorsys, fractions
            print([m.__file__.rsplit("/", 1)[-1] for m in (textwrap, colorsys, fractions)])
            print(textwrap.fill("The quick brown fox jumps over the lazy dog " * 4, width=30, initial_indent="> "))
            print(textwrap.dedent("    a\n      b\n    c"), textwrap.shorten("Hello  world, this is long", width=15))
            print(colorsys.rgb_to_hsv(0.2, 0.4, 0.4), colorsys.hls_to_rgb(0.5, 0.5, 0.5), colorsys.rgb_to_yiq(1, 0.5, 0))
            print(fractions.Fraction(3, 4) + fractions.Fraction("1/6"), fractions.Fraction(0.375).limit_denominator(10), fractions.Fraction(22, 7) ** 2)
            """;
        File.WriteAllText(Path.Combine(restoredDir, "main.py"), Script);
        File.WriteAllText(Path.Combine(plainDir, "main.py"), Script);
        var python = Interpreters.Get(version);
        var expected = python.RunScript(Path.Combine(plainDir, "main.py")).EnsureSuccess("the standard modules");
        var actual = python.RunScript(Path.Combine(restoredDir, "main.py")).EnsureSuccess("the restored modules");
        Assert.StartsWith("['textwrap.py', 'colorsys.py', 'fractions.py']", expected, StringComparison.Ordinal);
        Assert.StartsWith("['textwrap.pyc', 'colorsys.pyc', 'fractions.pyc']", actual, StringComparison.Ordinal);
        Assert.Equal(expected.Split('\n', 2)[1], actual.Split('\n', 2)[1]);
    }

    private static string Listing(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(CommandLine.Run(args, stdout, stderr) == 0, stderr.ToString());
        var text = stdout.ToString();
        return text[text.IndexOf("code object", StringComparison.Ordinal)..];
    }

    private static void SameBytes(IReadOnlyList<byte> expected, IReadOnlyList<byte> actual)
    {
        var diff = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i]);
        Assert.True(expected.SequenceEqual(actual), $"{expected.Count} vs {actual.Count} bytes, first difference at {diff}: {string.Join(",", expected.Skip(diff - 6).Take(16))} vs {string.Join(",", actual.Skip(diff - 6).Take(16))}");
    }

    /// <summary>
    /// The version's table file with the numbers of every opcode below 256 except CACHE permuted (seeded), as a custom
    /// build might ship; returns the table read back through <see cref="OpcodeTableFile"/> and the old→new number map.
    /// </summary>
    private static (OpcodeTable Table, byte[] Map) Remap(string version, int seed, int? magic = null)
    {
        var table = OpcodeTableFile.Parse(RemapJson(version, seed, magic), "remapped");
        var standard = OpcodeTables.ForVersion(table.Version);
        var map = Enumerable.Range(0, 256).Select(i => (byte)(standard.TryGetOpcode(i, out var op) ? table[op.Name].Number : i)).ToArray();
        Assert.NotEqual(standard.ExtendedArg.Number, table.ExtendedArg.Number);
        return (table, map);
    }

    private static string RemapJson(string version, int seed, int? magic)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.OpcodeTables, $"cpython-{version}.json")))!.AsObject();
        json["className"] = "Remapped" + version.Replace(".", string.Empty, StringComparison.Ordinal);
        json["source"] = "test";
        if (magic is { } m)
        {
            json["magic"] = m;
            json["magicBytes"] = $"{m & 0xFF:x2}{m >> 8:x2}0d0a";
        }

        var opcodes = json["opcodes"]!.AsArray();
        var movable = opcodes.Where(o => (int)o!["number"]! is > 0 and < 256).ToList();
        var numbers = movable.Select(o => (int)o!["number"]!).ToArray();
        var shuffled = numbers.ToArray();
        new Random(seed).Shuffle(shuffled);
        var extendedArg = (int)json["extendedArg"]!;
        for (var i = 0; i < movable.Count; i++)
        {
            if (numbers[i] == extendedArg)
            {
                json["extendedArg"] = shuffled[i];
            }

            movable[i]!["number"] = shuffled[i];
        }

        return json.ToJsonString();
    }

    /// <summary>Rewrites the opcode byte of every code unit (wordcode; caches are CACHE = 0, which stays), nested code included.</summary>
    private static PyCode RemapBytes(PyCode code, byte[] map)
    {
        var bytes = code.Code.ToArray();
        for (var i = 0; i < bytes.Length; i += 2)
        {
            bytes[i] = map[bytes[i]];
        }

        return code with { Code = [.. bytes], Consts = [.. code.Consts.Select(k => k is PyCode inner ? RemapBytes(inner, map) : k)] };
    }

    private static string Describe(OpcodeTable t)
    {
        var lines = new List<string>
        {
            $"{t.ClassName} {t.Version} {t.Interpreter} {t.Source} {t.Magic} {Convert.ToHexString([.. t.MagicBytes])} {t.MarshalVersion} {t.HaveArgument} {t.ExtendedArg.Number} {t.Wordcode}",
            string.Join(",", t.CmpOp),
            string.Join(",", t.CoFlags),
            string.Join(";", t.ArgumentNames.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + string.Join(",", p.Value))),
        };
        foreach (var op in t.Opcodes)
        {
            var sets = string.Join(",", t.Sets.Values.Where(s => s.Contains(op)).Select(s => s.Name).Order(StringComparer.Ordinal));
            lines.Add($"{op.Number} {op.Name} {op.Category} {op.HasArg} {op.CacheEntries} {op.ArgumentKind} [{sets}] {op.Deopt?.Name} {string.Join(",", op.PseudoTargets.Select(x => x.Name))} "
                      + $"{op.NoJumpEffect} {op.JumpEffect} {op.PopsFormula} {string.Join(",", op.ArgumentNames)}");
        }

        return string.Join("\n", lines);
    }
}
