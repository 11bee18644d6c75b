using System.Text.RegularExpressions;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Text;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Text;

/// <summary>
/// Assembly edited by hand runs: byteplay's classic edit (swap the two printed arguments) made in the text of a .pyc
/// the interpreter compiled, assembled with and without the .layout section, and run by that interpreter.
/// </summary>
public sealed partial class AsmEditTests
{
    public static TheoryRows Versions => Interpreters.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public void SwappingTwoArgumentsInTheTextSwapsThePrintedValues(string version)
    {
        var v = PythonVersion.Parse(version);
        var work = Path.Combine(RepositoryPaths.BuildCache("asm-edit"), version);
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, "swap.py");
        var compiled = Path.Combine(work, "swap.pyc");
        File.WriteAllText(source, v.Major == 2 ? "def f(a, b):\n    print a, b\nf(3, 5)\n" : "def f(a, b):\n    print(a, b)\nf(3, 5)\n");
        File.Delete(compiled);
        var python = Interpreters.Get(version);
        python.Run($"import py_compile\npy_compile.compile({Literal(source)}, cfile={Literal(compiled)}, doraise=True)", mounts: [work])
            .EnsureSuccess($"compiling under {version}");

        var text = AsmWriter.Write(PycFile.Load(compiled));
        var edited = SwapLoads(text);
        Assert.NotEqual(text, edited);
        var withLayout = Path.Combine(work, "swapped.pyc");
        var withoutLayout = Path.Combine(work, "swapped-nolayout.pyc");
        AsmReader.Parse(edited, "swap.pyasm").Save(withLayout);
        var bare = string.Join('\n', edited.Split('\n').Where(l => !l.StartsWith(".layout", StringComparison.Ordinal)));
        AsmReader.Parse(bare, "swap-nolayout.pyasm").Save(withoutLayout);

        // The unedited text gives the compiled file back; both edited files run and print the arguments swapped.
        Assert.Equal(File.ReadAllBytes(compiled), AsmReader.Parse(text, "swap.pyasm").ToBytes());
        var header = PycHeader.SizeFor(v);
        var run = python.Run(
            $"import marshal\nfor p in ({Literal(compiled)}, {Literal(withLayout)}, {Literal(withoutLayout)}):\n"
            + $"    exec(marshal.loads(open(p, 'rb').read()[{header}:]), {{'__name__': 'swap'}})\n",
            mounts: [work]).EnsureSuccess($"running the assembled files under {version}");
        Assert.Equal(["3 5", "5 3", "5 3"], run.Trim().Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void TheDocumentedExampleAssemblesAndRuns()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "asm-format.md"));
        var example = ExampleBlock().Match(doc).Groups[1].Value;
        var work = RepositoryPaths.BuildCache("asm-edit");
        Directory.CreateDirectory(work);
        var plain = Path.Combine(work, "doc-example.pyc");
        var swapped = Path.Combine(work, "doc-example-swapped.pyc");
        AsmReader.Parse(example, "example.pyasm").Save(plain);
        AsmReader.Parse(SwapLoads(example), "example.pyasm").Save(swapped);
        var run = Interpreters.Get("3.12").Run(
            $"import marshal\nfor p in ({Literal(plain)}, {Literal(swapped)}):\n    exec(marshal.loads(open(p, 'rb').read()[16:]), {{}})\n",
            mounts: [work]).EnsureSuccess("running the documented example");
        Assert.Equal(["world 2", "2 world"], run.Trim().Split('\n').Select(l => l.Trim()));
    }

    // In the section of the function, swaps the first two single-local loads, or the pair of a paired load.
    private static string SwapLoads(string text)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(".code", StringComparison.Ordinal) && !l.EndsWith("<module>", StringComparison.Ordinal));
        var loads = new List<int>();
        for (var i = start; i < lines.Length && loads.Count < 2; i++)
        {
            var m = LoadLine().Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            if (m.Groups["second"].Success)
            {
                lines[i] = lines[i].Replace($"{m.Groups["first"].Value}, {m.Groups["second"].Value}", $"{m.Groups["second"].Value}, {m.Groups["first"].Value}", StringComparison.Ordinal);
                return string.Join('\n', lines);
            }

            loads.Add(i);
        }

        Assert.Equal(2, loads.Count);
        (lines[loads[0]], lines[loads[1]]) = (lines[loads[1]], lines[loads[0]]);
        return string.Join('\n', lines);
    }

    private static string Literal(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^\s*LOAD_FAST\w*\s+(?<first>\w+)(,\s*(?<second>\w+))?\s*$")]
    private static partial Regex LoadLine();

    [GeneratedRegex(@"```\n(# ByteFluent assembly.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
