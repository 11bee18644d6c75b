using ByteFluent.Building;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Building;

/// <summary>The runtime side of the builders: labels, regions, constants, the code object header.</summary>
public sealed class CodeBuilderTests
{
    [Fact]
    public void Default_label_is_invalid()
    {
        var e = Assert.Throws<BuilderLabelException>(() => Python312.Module().MarkLabel(default));
        Assert.Contains("DefineLabel", e.Message, StringComparison.Ordinal);
        Assert.False(default(BuilderLabel<Python312.Builder>).IsValid);
    }

    [Fact]
    public void Label_of_another_builder_is_rejected()
    {
        Python312.Module().DefineLabel(out var foreign);
        Assert.Throws<BuilderLabelException>(() => Python312.Module().JumpForward(foreign));
    }

    [Fact]
    public void Marking_twice_and_never_marking_throw()
    {
        var b = Python310.Module().DefineLabel(out var l).MarkLabel(l);
        Assert.Throws<BuilderLabelException>(() => b.MarkLabel(l));
        var unmarked = Python310.Module().DefineLabel(out var m, "target").JumpForward(m).LoadConst(null).ReturnValue();
        var e = Assert.Throws<BuilderLabelException>(() => unmarked.Build());
        Assert.Contains("target", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regions_close_innermost_first_and_must_be_closed()
    {
        var b = Python312.Module().DefineLabel(out var h).BeginTry(h, 0, out var outer).BeginTry(h, 0, out var inner);
        Assert.Throws<ExceptionRegionException>(() => b.EndTry(outer));
        b.EndTry(inner);
        Assert.Throws<ExceptionRegionException>(() => b.Build());
        b.EndTry(outer);
        Assert.Throws<ExceptionRegionException>(() => b.EndTry(outer));
    }

    [Fact]
    public void Emit_rejects_an_opcode_the_version_lacks()
    {
        var e = Assert.Throws<MissingOpcodeException>(() => Python312.Module().Emit(Python27.ROT_TWO));
        Assert.Equal("ROT_TWO", e.Opcode);
    }

    [Fact]
    public void Constants_convert_from_csharp_values()
    {
        Assert.Equal(new PyInt(5), ((Constant)5).Value);
        Assert.Equal(new PyInt(long.MaxValue), ((Constant)long.MaxValue).Value);
        Assert.Equal(PyBool.True, ((Constant)true).Value);
        Assert.Equal(PyNone.Instance, ((Constant)(string?)null).Value);
        Assert.Equal(PyNone.Instance, default(Constant).Value);
        Assert.Equal(new PyTuple(new PyInt(1), new PyString("a")), ((Constant)(1, "a")).Value);
        var nested = Python312.Function("f").ReturnConst(null).Build();
        Assert.Same(nested, ((Constant)nested).Value);
        Assert.Throws<ConstantKindException>(() => Constant.Tuple(nested));
    }

    [Fact]
    public void Function_header_becomes_locals_and_flags()
    {
        var code = Python312.Function("f", args: ["a", "b"], varArgs: "rest").Resume(0).LoadFast("a").ReturnValue().ToCode();
        Assert.Equal(["a", "b", "rest"], code.LocalsPlusNames.Select(n => n.Value));
        Assert.Equal(2, code.ArgCount);
        Assert.Equal(Code.CoOptimized | Code.CoNewLocals | Code.CoVarArgs, code.Flags & 0xF);
        var old = Python27.Function("g", args: ["x"]).LoadFast("x").LoadFast("y").BinaryAdd().ReturnValue().ToCode();
        Assert.Equal(["x", "y"], old.VarNames.Select(n => n.Value));
        Assert.Equal(1, old.ArgCount);
    }

    [Fact]
    public void Comparison_carries_the_compiler_mask_from_312()
    {
        // Produced by the real interpreters: dis of "a < b" and "a != b" gives these COMPARE_OP arguments.
        var run = Interpreters.Get("3.12").Run("import dis\nfor s in ('a < b', 'a != b'):\n    print([i.arg for i in dis.get_instructions(compile(s, '', 'eval')) if i.opname == 'COMPARE_OP'][0])\n")
            .EnsureSuccess("dis");
        var expected = run.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
        int Arg(Python312.CompareOperator op)
        {
            var code = Python312.Function("f", ["a", "b"]).Resume(0).LoadFast("a").LoadFast("b").CompareOp(op).ReturnValue().ToCode();
            var i = 2 * 3; // RESUME, LOAD_FAST, LOAD_FAST precede it (no caches before COMPARE_OP)
            return code.Code[i + 1];
        }

        Assert.Equal(expected, [Arg(Python312.CompareOperator.LessThan), Arg(Python312.CompareOperator.NotEqual)]);
    }
}
