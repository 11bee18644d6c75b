using System.Text.Json;
using ByteFluent.Diff;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Cli;

/// <summary><c>bytefluent diff</c> on files compiled by the real interpreters.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private const string SourceA = """
        class C:
            def method(self, x):
                if x:
                    return x + 1
                return 0

        def f(a, b):
            def g():
                return a
            h = lambda: b
            gen = (i for i in a)
            print(a, b)
            return g, h, gen

        def only_a():
            pass
        """;

    // The same module with C.method and f edited, only_a renamed to only_b, and the line numbers unchanged.
    private const string SourceB = """
        class C:
            def method(self, x):
                if x:
                    return x + 2
                return 0

        def f(a, b):
            def g():
                return a
            h = lambda: b
            gen = (i for i in a)
            print(b, a)
            return g, h, gen

        def only_b():
            pass
        """;

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("bytefluent-diff-");

    public void Dispose() => dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(dir.FullName, name);

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.8")]
    [InlineData("3.12")]
    public void Reports_changed_fields_instructions_and_objects_in_one_file_only(string version)
    {
        CliRunner.Compile(version, dir.FullName, ("a", SourceA), ("b", SourceB));
        var (code, stdout, stderr) = CliRunner.Run("diff", P("a.pyc"), P("b.pyc"));
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("code object C.method: differs", stdout, StringComparison.Ordinal);
        Assert.Contains("  consts[", stdout, StringComparison.Ordinal);
        Assert.Contains("1 (int) -> 2 (int)", stdout, StringComparison.Ordinal);
        Assert.Contains("code object only_a: only in " + P("a.pyc"), stdout, StringComparison.Ordinal);
        Assert.Contains("code object only_b: only in " + P("b.pyc"), stdout, StringComparison.Ordinal);

        // f prints (b, a) instead of (a, b): the loads swap places in the listing, nothing else in f changes.
        var f = Section(stdout, "code object f: differs");
        // A and b are both cells there (g and the lambda use them): one load moves, the shortest diff is one line out, one in.
        var removed = Assert.Single(f, l => l.StartsWith("  -", StringComparison.Ordinal) && !l.Contains("SetLineno", StringComparison.Ordinal));
        var added = Assert.Single(f, l => l.StartsWith("  +", StringComparison.Ordinal) && !l.Contains("SetLineno", StringComparison.Ordinal));
        Assert.Equal(removed[3..], added[3..]);
        Assert.Matches("^LOAD_DEREF [ab]$", removed[3..].Trim());
        Assert.DoesNotContain("code object f.<locals>.g:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("code object f.<locals>.<lambda>:", stdout, StringComparison.Ordinal);

        // --code keeps one object and its nested ones, and ignores the header.
        (code, stdout, _) = CliRunner.Run("diff", P("a.pyc"), P("b.pyc"), "--code", "C");
        Assert.Equal(1, code);
        Assert.Equal(["code object C.method: differs"], stdout.Split('\n').Where(l => l.StartsWith("code object", StringComparison.Ordinal) || l == "header"));
        (code, _, _) = CliRunner.Run("diff", P("a.pyc"), P("b.pyc"), "--code", "f.<locals>.g");
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.10")]
    public void Qualified_names_before_3_11_are_the_ones_3_12_stores_in_co_qualname(string version)
    {
        CliRunner.Compile(version, dir.FullName, ("a", SourceA));
        var names = CodeNames.Enumerate(PycFile.Load(P("a.pyc")).Code).Select(q => q.Path).ToList();
        var oracle = Interpreters.Get("3.12").Run($$"""
            code = compile({{JsonSerializer.Serialize(SourceA)}}, 'a.py', 'exec')
            def walk(c):
                print(c.co_qualname)
                for k in c.co_consts:
                    if hasattr(k, 'co_code'):
                        walk(k)
            walk(code)
            """).EnsureSuccess("listing co_qualname");
        Assert.Equal(oracle.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()), names);
    }

    [Fact]
    public void An_inserted_instruction_is_one_added_line_although_every_label_index_after_it_moved()
    {
        CliRunner.Compile("3.12", dir.FullName, ("a", SourceA));
        var pyc = PycFile.Load(P("a.pyc"));
        var module = Code.FromCode(pyc.Code, pyc.Header.Version);
        var method = module.NestedCode.Single(c => c.Name.Value == "C").NestedCode.Single(c => c.Name.Value == "method");
        Assert.Contains(method.CodeList, i => i is Label);
        var resume = method.CodeList.FindIndex(i => i is Instr { Opcode.Name: "RESUME" });
        method.CodeList.Insert(resume + 1, new Instr(ByteFluent.Versions.OpcodeTables.ForVersion(pyc.Header.Version)["NOP"]));
        (pyc with { Value = module.ToCode(pyc.Header.Version), Layout = null }).Save(P("edited.pyc"));

        // The interpreter agrees the edited module still works.
        Interpreters.Get("3.12").Run($"import runpy\nm = runpy.run_path({JsonSerializer.Serialize(P("edited.pyc"))})\nassert m['C']().method(1) == 2").EnsureSuccess("running the edited module");

        var (code, stdout, _) = CliRunner.Run("diff", P("a.pyc"), P("edited.pyc"), "--json");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(stdout);
        var objects = json.RootElement.GetProperty("codeObjects").EnumerateArray().ToList();
        var changed = Assert.Single(objects);
        Assert.Equal("C.method", changed.GetProperty("path").GetString());
        Assert.Equal("changed", changed.GetProperty("status").GetString());
        var listing = changed.GetProperty("listing").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["+    NOP"], listing.Where(l => l.StartsWith('+') || l.StartsWith('-')));
        Assert.Contains(changed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "code");
    }

    [Fact]
    public void Identical_files_exit_0_and_unreadable_ones_exit_2()
    {
        CliRunner.Compile("3.12", dir.FullName, ("a", SourceA));
        var (code, stdout, _) = CliRunner.Run("diff", P("a.pyc"), P("a.pyc"));
        Assert.Equal(0, code);
        Assert.StartsWith("identical:", stdout, StringComparison.Ordinal);

        File.WriteAllBytes(P("bad.pyc"), [1, 2, 3]);
        (code, _, var stderr) = CliRunner.Run("diff", P("a.pyc"), P("bad.pyc"));
        Assert.Equal(3, code);
        Assert.Contains("bad.pyc: offset", stderr, StringComparison.Ordinal);

        (code, _, _) = CliRunner.Run("diff", P("a.pyc"), P("missing.pyc"));
        Assert.Equal(2, code);
    }

    [Fact]
    public void Headerless_streams_compare_with_python_and_ignore_lines_hides_moved_lines()
    {
        CliRunner.Compile("3.12", dir.FullName, ("a", SourceA), ("shifted", "\n\n" + SourceA));
        var (code, stdout, _) = CliRunner.Run("diff", "--python", "3.12", P("a.marshal"), P("shifted.marshal"));
        Assert.Equal(1, code);
        Assert.Contains("code object f: differs\n  firstlineno: 7 -> 9\n  @@", stdout, StringComparison.Ordinal);
        Assert.Contains("-    SetLineno 8:4-9:16\n  +    SetLineno 10:4-11:16", stdout, StringComparison.Ordinal);

        (code, stdout, _) = CliRunner.Run("diff", "--python", "3.12", "--ignore-lines", P("a.marshal"), P("shifted.marshal"));
        Assert.Equal(0, code);
        Assert.Contains("(8 code objects)", stdout, StringComparison.Ordinal);
    }

    private static List<string> Section(string text, string heading)
    {
        var lines = text.Split('\n');
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, text);
        return [.. lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))];
    }
}
