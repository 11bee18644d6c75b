using System.Globalization;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Model;

/// <summary>
/// byteplay's documented examples, made real for every version: the code object is compiled by the interpreter,
/// edited through the model, assembled by ByteFluent, and run by the same interpreter.
/// </summary>
public sealed class ByteplayExampleTests
{
    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void RotTwoReversesThePrintedArguments(string version)
    {
        var v = PythonVersion.Parse(version);
        var source = v.Major == 2 ? "def f(a, b):\n    print (a, b)\n" : "def f(a, b):\n    print((a, b))\n";
        var work = WorkFolder($"rot-{version}");
        var module = CompileInInterpreter(version, work, source);
        var f = (Code)module.Consts.Single(c => c is Code);

        // Before: (3, 5). Insert the swap right before the tuple is built (byteplay: c.code[3:3] = [(ROT_TWO, None)]).
        var list = f.CodeList;
        var build = list.FindIndex(i => i is Instr ins && ins.Opcode.Name == "BUILD_TUPLE");
        Assert.True(build > 0, f.CodeList.ToString());
        var table = OpcodeTables.ForVersion(v);
        list.Insert(build, table.TryGetOpcode("ROT_TWO", out var rot) ? new Instr(rot) : new Instr(table["SWAP"], 2));

        var output = RunInInterpreter(version, work, module.ToCode(), "f(3, 5)");
        Assert.Equal("(5, 3)", output.Trim());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ClosureExampleKeepsFreeVariablesAndRuns(string version)
    {
        var v = PythonVersion.Parse(version);
        var source = "def f():\n    a = 3\n    b = 5\n    def g():\n        return a + b\n    return g\n";
        var work = WorkFolder($"closure-{version}");
        var module = CompileInInterpreter(version, work, source);
        var f = (Code)module.Consts.Single(c => c is Code);
        var g = (Code)f.Consts.Single(c => c is Code);

        // byteplay: c.code[10][1].freevars == ('a', 'b'); LOAD_DEREF / STORE_DEREF name the cells.
        var free = v >= PythonVersion.V3_11
            ? g.LocalsPlus.Where(l => (l.Kind & LocalKinds.Free) != 0).Select(l => l.Name.Value).ToList()
            : g.FreeVars.Select(n => n.Value).ToList();
        Assert.Equal(["a", "b"], free);
        Assert.Contains(g.CodeList.OfType<Instr>(), i => i.Opcode.Name == "LOAD_DEREF" && (string?)i.Arg == "a");
        Assert.Contains(f.CodeList.OfType<Instr>(), i => i.Opcode.Name == "STORE_DEREF" && (string?)i.Arg == "b");

        // Change the inner function to subtract and run it.
        var add = g.CodeList.FindIndex(i => i is Instr ins && (ins.Opcode.Name is "BINARY_ADD" || (ins.Opcode.Name == "BINARY_OP" && ((NamedArg)ins.Arg!).Value == 0)));
        Assert.True(add >= 0, g.CodeList.ToString());
        var table = OpcodeTables.ForVersion(v);
        g.CodeList[add] = table.TryGetOpcode("BINARY_SUBTRACT", out var sub) ? new Instr(sub) : new Instr(table["BINARY_OP"], new NamedArg(10, "-"));
        var output = RunInInterpreter(version, work, module.ToCode(), v.Major == 2 ? "print f()()" : "print(f()())");
        Assert.Equal("-2", output.Trim());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void PrintCodeListShowsLinesIndexesJumpsAndTargets(string version)
    {
        var source = "def f(a):\n    if a < 3:\n        b = a\n    return a\n";
        var work = WorkFolder($"print-{version}");
        var module = CompileInInterpreter(version, work, source);
        var f = (Code)module.Consts.Single(c => c is Code);
        var text = f.CodeList.ToString();
        var lines = text.Split('\n');

        // Line 2 starts a group, the comparison prints its operator, the conditional jump prints "to N" where
        // N is the index of an instruction printed with ">>".
        Assert.Contains(lines, l => l.StartsWith("  2 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("COMPARE_OP", StringComparison.Ordinal) && (l.TrimEnd().EndsWith(" <", StringComparison.Ordinal) || l.TrimEnd().EndsWith("bool(<)", StringComparison.Ordinal)));
        var jump = lines.First(l => l.Contains(" to ", StringComparison.Ordinal));
        var target = int.Parse(jump[(jump.LastIndexOf(" to ", StringComparison.Ordinal) + 4)..].Trim(), CultureInfo.InvariantCulture);
        Assert.Contains(lines, l => l.Length > 14 && l[8..10] == ">>" && int.Parse(l[11..15], CultureInfo.InvariantCulture) == target);
        var sw = new StringWriter();
        Byteplay.PrintCodeList(f.CodeList, sw);
        Assert.Equal(text, sw.ToString());

        // The listing survives assembly unchanged.
        Assert.Equal(text, Code.FromCode(f.ToCode(), f.Version).CodeList.ToString());
    }

    private static string WorkFolder(string name)
    {
        var dir = Path.Combine(RepositoryPaths.BuildCache("codemodel-examples"), name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static Code CompileInInterpreter(string version, string work, string source)
    {
        var src = Path.Combine(work, "example.py");
        var bin = Path.Combine(work, "example.marshal");
        File.WriteAllText(src, source);
        var script = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Model", "compile_to_marshal.py");
        Interpreters.Get(version).RunScript(script, [src, bin], [work]).EnsureSuccess($"compiling under {version}");
        var v = PythonVersion.Parse(version);
        return Code.FromCode((PyCode)MarshalReader.Loads(File.ReadAllBytes(bin), v), v);
    }

    private static string RunInInterpreter(string version, string work, PyCode code, string call)
    {
        var v = PythonVersion.Parse(version);
        var bin = Path.Combine(work, "edited.marshal");
        File.WriteAllBytes(bin, MarshalWriter.Dumps(code, v));
        var script = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Model", "run_marshal.py");
        return Interpreters.Get(version).RunScript(script, [bin, call], [work]).EnsureSuccess($"running edited code under {version}");
    }
}
