using ByteFluent.Portable;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;
using static ByteFluent.Portable.Py;

namespace ByteFluent.Tests.Portable;

/// <summary>
/// Statement positions set with <see cref="Block.At"/>: on 3.11+ the real interpreter's <c>co_positions()</c> and
/// traceback (line, columns, caret range) report them; before 3.11 only the line numbers.
/// </summary>
public sealed class PortablePositionsTests(ITestOutputHelper output)
{
    // Source the positions below describe; written next to the .pyc so the traceback can print the line and carets.
    private const string Source = "x = 1\ny = x + 2\nif y > 0:\n    z = 0; w = y // z\nprint('end')\n";

    private static readonly string[] Expected311 = ["1 1 0 5", "2 2 0 9", "3 3 3 8", "4 4 4 9", "4 4 11 21", "5 5 None None"];

    public static TheoryRows Versions => Interpreters.Versions;

    private static PortableModule Module(string filename) => PortableModule.Create(
        m => m
            .At(1, 0, 1, 5).Assign("x", Const(1))
            .At(2, 0, 2, 9).Assign("y", Name("x") + Const(2))
            .At(3, 3, 3, 8).If(Name("y").Gt(Const(0)), t => t
                .At(4, 4, 4, 9).Assign("z", Const(0))
                .At(4, 11, 4, 21).Assign("w", Name("y").FloorDiv(Name("z"))))
            .Line(5).Print(Str("end")),
        filename);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Statement_positions_reach_co_positions_and_the_traceback(string version)
    {
        var v = PythonVersion.Parse(version);
        var folder = Directory.CreateTempSubdirectory("bytefluent-positions-").FullName;
        try
        {
            var py = Path.Combine(folder, "positions.py");
            File.WriteAllText(py, Source);
            var pyc = Path.Combine(folder, "positions.pyc");
            Module(py).ToPyc(v).Save(pyc);
            var run = Interpreters.Get(version).RunScript(
                Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Portable", "positions_driver.py"), [pyc], [folder]);
            var text = run.EnsureSuccess($"positions driver on {version}");
            output.WriteLine(text);
            var lines = text.Split('\n');

            Assert.Equal("lines 1 2 3 4 5", lines.Single(l => l.StartsWith("lines ", StringComparison.Ordinal)).TrimEnd());
            var tb = lines.Single(l => l.StartsWith("tb ", StringComparison.Ordinal)).TrimEnd();
            var traceback = text[(text.IndexOf("=== traceback", StringComparison.Ordinal) + 13)..];
            Assert.Contains("line 4", traceback, StringComparison.Ordinal);
            Assert.Contains("z = 0; w = y // z", traceback, StringComparison.Ordinal);
            if (v.Major == 2 || v.Minor < 11)
            {
                Assert.StartsWith("tb 4 ", tb, StringComparison.Ordinal);
                Assert.DoesNotContain(lines, l => l.StartsWith("pos ", StringComparison.Ordinal));
                Assert.DoesNotContain("^", traceback, StringComparison.Ordinal);
                return;
            }

            // Every instruction but RESUME (the if's header and its body statements included), runs of equal positions collapsed: one position per statement, in order.
            var positions = new List<string>();
            foreach (var l in lines.Where(l => l.StartsWith("pos ", StringComparison.Ordinal)))
            {
                var parts = l.TrimEnd().Split(' ');
                var p = string.Join(' ', parts[2..]);
                if (parts[1] != "RESUME" && (positions.Count == 0 || positions[^1] != p))
                {
                    positions.Add(p);
                }
            }

            Assert.Equal(Expected311, positions);
            Assert.Equal("tb 4 4 11 21", tb);
            // The traceback strips the line's indentation (4) and indents by 4: the caret run starts at 4 + 11 - 4.
            Assert.Contains("\n    " + new string(' ', 7) + new string('^', 10) + "\n", traceback, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_positions_the_statements_lines_and_code_are_unchanged()
    {
        foreach (var version in Interpreters.SupportedVersions)
        {
            var v = PythonVersion.Parse(version);
            var plain = PortableModule.Create(m => m.Assign("x", Const(1)).Line(3).Do(Call("f", Name("x")))).Build(v);
            var positioned = PortableModule.Create(m => m.At(1, 0, 1, 5).Assign("x", Const(1)).At(3, 0, 3, 4).Do(Call("f", Name("x")))).Build(v);
            var columns = positioned.CodeList.OfType<global::ByteFluent.Model.SetLineno>().Select(s => s.Location.Column).ToList();
            Assert.Equal(
                plain.CodeList.OfType<global::ByteFluent.Model.SetLineno>().Select(s => s.Line),
                positioned.CodeList.OfType<global::ByteFluent.Model.SetLineno>().Select(s => s.Line));
            Assert.Equal(plain.CodeList.OfType<global::ByteFluent.Model.Instr>().Select(i => i.ToString()), positioned.CodeList.OfType<global::ByteFluent.Model.Instr>().Select(i => i.ToString()));
            int?[] expectedColumns = v.Major == 3 && v.Minor >= 11 ? [0, 0] : [null, null];
            Assert.Equal(expectedColumns, columns);
        }
    }

    [Fact]
    public void A_position_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableModule.Create(m => m.At(2, 0, 1, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableModule.Create(m => m.At(1, 5, 1, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableModule.Create(m => m.At(0, 0, 0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableModule.Create(m => m.At(1, -1, 1, 1)));
    }
}
