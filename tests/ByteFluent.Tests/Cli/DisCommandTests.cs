using System.Globalization;
using System.Text.Json;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Cli;

/// <summary><c>bytefluent dis</c> options: <c>--python</c>, <c>--code</c>, <c>--raw</c>, <c>--color</c>.</summary>
public sealed class DisCommandTests : IDisposable
{
    // 300 globals and a 300-item list make arguments that need EXTENDED_ARG.
    private static readonly string Source = $$"""
        def f(a):
            def g():
                return a
            big = [{{string.Join(", ", Enumerable.Range(1000, 300).Select(i => "n" + i.ToString(CultureInfo.InvariantCulture)))}}]
            for x in big:
                if x > a:
                    return x, g
            return None

        class C:
            def method(self):
                return self.f()
        """;

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("bytefluent-dis-");

    public DisCommandTests() => CliRunner.Compile("3.12", dir.FullName, ("m", Source));

    public void Dispose() => dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(dir.FullName, name);

    [Fact]
    public void A_headerless_marshal_stream_lists_like_the_pyc_it_was_compiled_with()
    {
        var (code, fromPyc, _) = CliRunner.Run("dis", P("m.pyc"));
        Assert.Equal(0, code);
        (code, var fromMarshal, _) = CliRunner.Run("dis", "--python", "3.12", P("m.marshal"));
        Assert.Equal(0, code);
        Assert.Contains("(headerless marshal stream)", fromMarshal, StringComparison.Ordinal);

        // Everything after the header is the same.
        static string Body(string s) => s[s.IndexOf("\ncode object", StringComparison.Ordinal)..];
        Assert.Equal(Body(fromPyc), Body(fromMarshal));
        Assert.Contains("\ncode object f.<locals>.g (line 2, ", fromPyc, StringComparison.Ordinal);
        Assert.Contains("\ncode object C.method (line 11, ", fromPyc, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_selects_one_object_with_its_nested_ones_and_lists_the_names_when_missing()
    {
        var (code, stdout, _) = CliRunner.Run("dis", P("m.pyc"), "--code", "f");
        Assert.Equal(0, code);
        var objects = stdout.Split('\n').Where(l => l.StartsWith("code object ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(["f", "f.<locals>.g"], objects);

        (code, stdout, var stderr) = CliRunner.Run("dis", P("m.pyc"), "--code", "C.nothing");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("no code object named 'C.nothing'", stderr, StringComparison.Ordinal);
        Assert.Equal(["<module>", "f", "f.<locals>.g", "C", "C.method"], stderr.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Trim()));
    }

    [Fact]
    public void Raw_shows_every_code_unit_as_dis_show_caches_does()
    {
        var (code, stdout, _) = CliRunner.Run("dis", P("m.pyc"), "--code", "f", "--raw", "--color", "never");
        Assert.Equal(0, code);
        var units = new List<string>();
        var start = stdout.IndexOf("\ncode object f ", StringComparison.Ordinal);
        var end = stdout.IndexOf("\ncode object f.<locals>.g", StringComparison.Ordinal);
        foreach (var line in stdout[start..end].Split('\n'))
        {
            // "  line >>  offset  hex  OPNAME  arg  (meaning)": the offset is the first number after column 9.
            if (line.Length > 15 && int.TryParse(line[9..15], NumberStyles.AllowLeadingWhite, CultureInfo.InvariantCulture, out var offset))
            {
                var parts = line[15..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = parts.First(p => p.All(ch => char.IsUpper(ch) || ch == '_'));
                units.Add(FormattableString.Invariant($"{offset} {name}"));
            }
        }

        var oracle = Interpreters.Get("3.12").Run($$"""
            import dis, marshal
            with open({{JsonSerializer.Serialize(P("m.pyc"))}}, 'rb') as fh:
                fh.read(16)
                module = marshal.load(fh)
            f = next(k for k in module.co_consts if hasattr(k, 'co_code') and k.co_name == 'f')
            for ins in dis.get_instructions(f, show_caches=True):
                print(ins.offset, ins.opname)
            """).EnsureSuccess("dis.get_instructions");
        var expected = oracle.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Contains(expected, l => l.EndsWith(" EXTENDED_ARG", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.EndsWith(" CACHE", StringComparison.Ordinal));
        Assert.Equal(expected, units);
        Assert.Contains("(n1299)", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+>>\s+\d+  \S\S \S\S\s+FOR_ITER", stdout);
    }

    [Fact]
    public void Colors_only_when_asked_or_on_a_terminal()
    {
        var (_, always, _) = CliRunner.Run("dis", P("m.pyc"), "--color", "always");
        Assert.Contains("\u001b[36mLOAD_FAST\u001b[0m", always, StringComparison.Ordinal);
        Assert.Contains("\u001b[35m", always, StringComparison.Ordinal);

        // In-process output is a StringWriter, never a terminal: auto means no colors.
        var (_, auto, _) = CliRunner.Run("dis", P("m.pyc"));
        var (_, never, _) = CliRunner.Run("dis", P("m.pyc"), "--color=never");
        Assert.DoesNotContain('\u001b', auto);
        Assert.Equal(auto, never);

        // Removing the escapes gives the plain listing back.
        Assert.Equal(never, System.Text.RegularExpressions.Regex.Replace(always, "\u001b\\[[0-9]+m", string.Empty));

        var (code, _, stderr) = CliRunner.Run("dis", P("m.pyc"), "--color", "sometimes");
        Assert.Equal(2, code);
        Assert.Contains("--color takes auto, always or never", stderr, StringComparison.Ordinal);
    }
}
