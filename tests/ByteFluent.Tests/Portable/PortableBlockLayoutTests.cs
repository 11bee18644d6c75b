using ByteFluent.Model;
using ByteFluent.Portable;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Portable;

/// <summary>The layout pass after lowering: exit blocks copied into the jumps to them (3.10+), handlers last (3.12+).</summary>
public sealed class PortableBlockLayoutTests
{
    // def div(a, b):
    //     try: r = a // b
    //     except ZeroDivisionError: r = -1
    //     return r
    private static readonly PortableModule Div = PortableModule.Create(m => m
        .Def("div", ["a", "b"], f => f.Try(t => t.Assign("r", Py.Name("a").FloorDiv(Py.Name("b"))), h => h.Except("ZeroDivisionError", e => e.Assign("r", -1))).Return(Py.Name("r"))));

    private static List<string> Ops(string version)
    {
        var module = Div.Build(PythonVersion.Parse(version));
        var def = module.CodeList.OfType<Instr>().Select(i => i.Arg).OfType<Code>().Single();
        return [.. def.CodeList.OfType<Instr>().Select(i => i.Opcode.Name).Where(n => n is not ("NOP" or "CACHE"))];
    }

    [Theory]
    [InlineData("3.10")]
    [InlineData("3.12")]
    [InlineData("3.14")]
    public void The_small_return_after_the_try_is_copied_into_the_handler(string version)
    {
        var ops = Ops(version);
        Assert.Equal(2, ops.Count(o => o == "RETURN_VALUE"));
        Assert.DoesNotContain("JUMP_FORWARD", ops);
    }

    [Fact]
    public void On_3_11_a_return_with_a_line_is_not_copied()
    {
        var ops = Ops("3.11");
        Assert.Single(ops, o => o == "RETURN_VALUE");
        Assert.Contains("JUMP_FORWARD", ops);
    }

    [Theory]
    [InlineData("3.11", false)]
    [InlineData("3.12", true)]
    [InlineData("3.15", true)]
    public void From_3_12_the_handler_comes_after_the_normal_path(string version, bool handlerLast)
    {
        var ops = Ops(version);
        var firstReturn = ops.IndexOf("RETURN_VALUE");
        var handler = ops.IndexOf("PUSH_EXC_INFO");
        Assert.Equal(handlerLast, handler > firstReturn);
    }

    [Fact]
    public void Before_3_10_the_layout_is_the_statements_own()
    {
        var ops = Ops("3.9");
        Assert.Single(ops, o => o == "RETURN_VALUE");
        Assert.Contains("JUMP_FORWARD", ops);
    }
}
