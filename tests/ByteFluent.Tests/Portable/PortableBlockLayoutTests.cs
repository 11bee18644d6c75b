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

    // for i in range(3):
    //     for j in range(3):
    //         if j == i: break
    //         print(i, j)
    private static readonly PortableModule Nested = PortableModule.Create(m => m
        .For("i", Py.Call("range", 3), a => a.For("j", Py.Call("range", 3), b => b.If(Py.Name("j").Eq(Py.Name("i")), t => t.Break()).Print(Py.Name("i"), Py.Name("j")))));

    // for i in range(2):
    //     if i: print(1)
    //     else: print(2)
    private static readonly PortableModule IfElseInLoop = PortableModule.Create(m => m
        .For("i", Py.Call("range", 2), a => a.If(Py.Name("i"), t => t.Print(1), e => e.Print(2))));

    private static List<string> ModuleOps(PortableModule module, string version) =>
        [.. module.Build(PythonVersion.Parse(version)).CodeList.OfType<Instr>().Select(i => i.Opcode.Name)];

    [Theory]
    [InlineData("3.11", "JUMP_FORWARD", 2)]
    [InlineData("3.12", "JUMP_BACKWARD", 3)]
    [InlineData("3.15", "JUMP_BACKWARD", 3)]
    public void From_3_12_a_break_into_the_outer_loops_jump_back_is_threaded(string version, string breakJump, int backward)
    {
        var ops = ModuleOps(Nested, version);
        var compare = ops.IndexOf("COMPARE_OP");
        Assert.Equal(breakJump, ops.Skip(compare).First(o => o is "JUMP_FORWARD" or "JUMP_BACKWARD"));
        Assert.Equal(backward, ops.Count(o => o == "JUMP_BACKWARD"));
    }

    [Theory]
    [InlineData("3.10", "JUMP_ABSOLUTE")]
    [InlineData("3.11", "JUMP_BACKWARD")]
    [InlineData("3.13", "JUMP_BACKWARD")]
    [InlineData("3.14", "JUMP_BACKWARD")]
    public void From_3_10_the_jump_over_an_else_goes_straight_back_to_the_loop(string version, string back)
    {
        var ops = ModuleOps(IfElseInLoop, version);
        Assert.DoesNotContain("JUMP_FORWARD", ops);
        Assert.Equal(2, ops.Count(o => o == back));
    }
}
