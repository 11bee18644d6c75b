using ByteFluent.Building;
using ByteFluent.Model;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Building;

/// <summary>Labels know their builder: another builder's label is a specific exception naming both, never a retarget.</summary>
public sealed class BuilderLabelTests
{
    [Fact]
    public void Builder_ids_are_unique_across_versions()
    {
        Python312.Module().DefineLabel(out var a);
        Python313.Module().DefineLabel(out var b);
        Python27.Module().DefineLabel(out var c);
        Assert.Equal(3, new[] { a.Owner, b.Owner, c.Owner }.Distinct().Count());
    }

    [Fact]
    public void A_label_of_another_builder_names_both_builders()
    {
        Python312.Function("first").DefineLabel(out var foreign, "exit");
        var other = Python312.Module();
        var jump = Assert.Throws<BuilderLabelException>(() => other.JumpForward(foreign));
        Assert.Contains("exit", jump.Message, StringComparison.Ordinal);
        Assert.Contains("function 'first'", jump.Message, StringComparison.Ordinal);
        Assert.Contains("module '<module>'", jump.Message, StringComparison.Ordinal);
        Assert.Throws<BuilderLabelException>(() => other.MarkLabel(foreign));
        Assert.Throws<BuilderLabelException>(() => other.BeginTry(foreign, 0, out _));
        // The builder is untouched by the failed calls.
        Assert.Empty(other.Items);
    }

    [Fact]
    public void A_model_label_of_another_code_list_fails_at_build()
    {
        var first = Python312.Module().DefineLabel(out var l).MarkLabel(l).ReturnConst(null);
        var modelLabel = (Label)first.Items[0];
        var second = Python312.Module().Resume(0).Emit(Python312.JUMP_FORWARD, modelLabel).ReturnConst(null);
        var e = Assert.Throws<BuilderLabelException>(() => second.Build());
        Assert.Contains("JUMP_FORWARD", e.Message, StringComparison.Ordinal);
        Assert.Contains("neither defined nor placed", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>Arguments typed by meaning and the 3.11+ cell prologue, checked in the real interpreters.</summary>
public sealed class TypedArgumentTests
{
    [Fact]
    public void CallFunction_packs_positional_and_keyword_counts_on_27()
    {
        var code = Python27.Module().LoadName("f").LoadConst(1).LoadConst("k").LoadConst(2).CallFunction(1, 1).ReturnValue().ToCode();
        Assert.Equal(131, code.Code[12]);
        Assert.Equal(1 | (1 << 8), code.Code[13] | (code.Code[14] << 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Python27.Module().CallFunction(256));
    }

    [Fact]
    public void KwNames_makes_a_tuple_of_names()
    {
        var code = Python312.Module().KwNames("sep", "end").Build();
        var instr = Assert.IsType<Instr>(code.CodeList[0]);
        Assert.Equal(new ByteFluent.Marshal.PyTuple(new ByteFluent.Marshal.PyString("sep"), new ByteFluent.Marshal.PyString("end")), instr.Arg);
    }

    [Theory]
    [InlineData("3.12")]
    [InlineData("3.13")]
    public void Closures_get_their_cell_prologue_and_run(string version)
    {
        var pyc = version == "3.12" ? Closure312() : Closure313();
        var path = Path.Combine(RepositoryPaths.BuildCache("builders"), $"closure-{version}.pyc");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        pyc.Save(path);
        var output = Interpreters.Get(version).RunScript(path, mounts: [Path.GetDirectoryName(path)!]).EnsureSuccess("closure");
        Assert.Equal("42", output.Trim());
    }

    [Fact]
    public void The_prologue_is_not_doubled_and_can_be_turned_off()
    {
        var auto = Python312.Function("f", args: ["x"], cellVars: ["x"], freeVars: ["y"]).Resume(0).ReturnConst(null).Build();
        Assert.Equal(["COPY_FREE_VARS", "MAKE_CELL", "RESUME"], auto.CodeList.OfType<Instr>().Take(3).Select(i => i.Opcode.Name));
        var manual = Python312.Function("f", args: ["x"], cellVars: ["x"]).MakeCell("x").Resume(0).ReturnConst(null).Build();
        Assert.Single(manual.CodeList.OfType<Instr>(), i => i.Opcode.Name == "MAKE_CELL");
        var off = Python312.Create(new CodeBuilderOptions { Kind = CodeBuilderKind.Function, Name = "f", CellVars = ["c"], CellPrologue = false })
            .Resume(0).ReturnConst(null).Build();
        Assert.DoesNotContain(off.CodeList.OfType<Instr>(), i => i.Opcode.Name == "MAKE_CELL");
    }

    [Fact]
    public void Function_takes_positional_only_keyword_only_and_qualified_names()
    {
        var code = Python313.Function("f", ["b"], posOnlyArgs: ["a"], kwOnlyArgs: ["k"], qualName: "C.f").Resume(0).ReturnConst(null).ToCode();
        Assert.Equal(2, code.ArgCount);
        Assert.Equal(1, code.PosOnlyArgCount);
        Assert.Equal(1, code.KwOnlyArgCount);
        Assert.Equal("C.f", code.QualName?.Value);
        Assert.Equal(["a", "b", "k"], code.LocalsPlusNames.Select(n => n.Value));
    }

    private static ByteFluent.Pyc.PycFile Closure312()
    {
        var inner = Python312.Function("inner", freeVars: ["x"]).Resume(0).LoadDeref("x").ReturnValue();
        var outer = Python312.Function("outer", args: ["x"], cellVars: ["x"]).Resume(0)
            .LoadClosure("x").BuildTuple(1).LoadConst(inner).MakeFunction(Python312.MakeFunctionFlags.Closure).ReturnValue();
        return Python312.Module().Resume(0).LoadConst(outer).MakeFunction().StoreName("outer")
            .PushNull().LoadName("print").PushNull().PushNull().LoadName("outer").LoadConst(42).Call(1).Call(0).Call(1).PopTop()
            .ReturnConst(null).ToPyc();
    }

    private static ByteFluent.Pyc.PycFile Closure313()
    {
        var inner = Python313.Function("inner", freeVars: ["x"]).Resume(0).LoadDeref("x").ReturnValue();
        var outer = Python313.Function("outer", args: ["x"], cellVars: ["x"]).Resume(0)
            .LoadFast("x").BuildTuple(1).LoadConst(inner).MakeFunction().SetFunctionAttribute(Python313.FunctionAttribute.Closure).ReturnValue();
        return Python313.Module().Resume(0).LoadConst(outer).MakeFunction().StoreName("outer")
            .LoadName("print").PushNull().LoadName("outer").PushNull().LoadConst(42).Call(1).PushNull().Call(0).Call(1).PopTop()
            .ReturnConst(null).ToPyc();
    }
}
