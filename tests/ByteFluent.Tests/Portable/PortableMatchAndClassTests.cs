using ByteFluent.Model;
using ByteFluent.Portable;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using static ByteFluent.Portable.Py;

namespace ByteFluent.Tests.Portable;

/// <summary>The match statement, zero-argument super() and class keywords: rejections and the idioms chosen per version.</summary>
public sealed class PortableMatchAndClassTests
{
    private static readonly string[] Self = ["self"];

    private static PortableModule MatchModule() => PortableModule.Create(m => m
        .Assign("x", 1)
        .Match(Name("x"), c => c.Case(Patterns.Sequence(Patterns.Capture("a")), b => b.Print(Name("a"))).Case(Patterns.Wildcard, b => b.Pass())));

    private static PortableModule SuperModule() => PortableModule.Create(m => m
        .Class("A", [Name("object")], c => c.Def("f", Self, f => f.Return(1)))
        .Class("B", [Name("A")], c => c.Def("f", Self, f => f.Return(Call("super").CallMethod("f")))));

    private static IEnumerable<Code> Walk(Code code)
    {
        yield return code;
        foreach (var item in code.CodeList)
        {
            if (item is Instr { Arg: Code nested })
            {
                foreach (var c in Walk(nested))
                {
                    yield return c;
                }
            }
        }
    }

    /// <summary>The lowered code list, after checking the module also assembles and verifies.</summary>
    private static Code Lowered(PortableModule module, PythonVersion v)
    {
        Assert.NotNull(module.ToCode(v));
        return module.Build(v);
    }

    private static IEnumerable<string> Frees(Code c) => c.Dialect.UsesLocalsPlus
        ? c.LocalsPlus.Where(l => (l.Kind & LocalKinds.Free) != 0).Select(l => l.Name.Value)
        : c.FreeVars.Select(f => f.Value);

    private static bool Uses(Code code, string opcode) => Walk(code).Any(c => c.CodeList.Any(i => i is Instr ins && ins.Opcode.Name == opcode));

    [Fact]
    public void Match_is_a_clear_error_before_3_10_and_lowered_from_3_10()
    {
        foreach (var version in Interpreters.SupportedVersions)
        {
            var v = PythonVersion.Parse(version);
            if (v.Major == 3 && v.Minor >= 10)
            {
                Assert.True(Uses(Lowered(MatchModule(), v), "MATCH_SEQUENCE"));
                continue;
            }

            var e = Assert.Throws<PortableNotSupportedException>(() => MatchModule().ToCode(v));
            Assert.Contains("match", e.Message, StringComparison.Ordinal);
            Assert.Contains(version, e.Message, StringComparison.Ordinal);
            Assert.Equal("match", e.Construct);
        }
    }

    [Fact]
    public void Zero_argument_super_is_rejected_on_2_7_but_the_two_argument_form_is_not()
    {
        var e = Assert.Throws<PortableNotSupportedException>(() => SuperModule().ToCode(PythonVersion.V2_7));
        Assert.Contains("super()", e.Message, StringComparison.Ordinal);
        Assert.Contains("2.7", e.Message, StringComparison.Ordinal);
        var explicitForm = PortableModule.Create(m => m
            .Class("A", [Name("object")], c => c.Def("f", Self, f => f.Return(1)))
            .Class("B", [Name("A")], c => c.Def("f", Self, f => f.Return(Call("super", Name("B"), Name("self")).CallMethod("f")))));
        var code = Lowered(explicitForm, PythonVersion.V2_7);
        Assert.DoesNotContain(Walk(code), c => c.CellVars.Count > 0 || c.FreeVars.Count > 0);
    }

    [Fact]
    public void Zero_argument_super_uses_the_class_cell_and_LOAD_SUPER_ATTR_from_3_12()
    {
        foreach (var version in Interpreters.SupportedVersions.Where(v => v != "2.7"))
        {
            var v = PythonVersion.Parse(version);
            var code = Lowered(SuperModule(), v);
            Assert.Equal(v.Minor >= 12, Uses(code, "LOAD_SUPER_ATTR"));
            Assert.Single(Walk(code), c => Frees(c).Contains("__class__"));
            Assert.Single(Walk(code), c => c.Name.Value == "B" && Uses(c, "STORE_NAME") && c.CodeList.Any(i => i is Instr { Arg: "__classcell__" }));
        }
    }

    [Fact]
    public void Class_keywords_are_rejected_on_2_7()
    {
        var module = PortableModule.Create(m => m.Class("A", [Name("object")], [("metaclass", Name("type"))], c => c.Pass()));
        var e = Assert.Throws<PortableNotSupportedException>(() => module.ToCode(PythonVersion.V2_7));
        Assert.Contains("class keyword", e.Message, StringComparison.Ordinal);
        Assert.True(Uses(Lowered(module, PythonVersion.Parse("3.6")), "CALL_FUNCTION_KW"));
    }

    [Fact]
    public void Unreachable_cases_and_inconsistent_alternatives_are_rejected_like_CPython()
    {
        var v = PythonVersion.Parse("3.12");
        var capture = PortableModule.Create(m => m.Assign("x", 1)
            .Match(Name("x"), c => c.Case(Patterns.Capture("y"), b => b.Pass()).Case(Patterns.Value(2), b => b.Pass())));
        Assert.Contains("name capture 'y' makes remaining patterns unreachable", Assert.Throws<ArgumentException>(() => capture.ToCode(v)).Message, StringComparison.Ordinal);
        var alternatives = PortableModule.Create(m => m.Assign("x", 1)
            .Match(Name("x"), c => c.Case(Patterns.Sequence(Patterns.Capture("a")) | Patterns.Sequence(Patterns.Capture("b")), b => b.Pass())));
        Assert.Contains("alternative patterns bind different names", Assert.Throws<ArgumentException>(() => alternatives.ToCode(v)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Patterns.Sequence(Patterns.Star("a"), Patterns.Star("b")));
        Assert.Throws<ArgumentException>(() => Patterns.Capture("_"));
    }
}
