using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Verification;

/// <summary>
/// The verifier ToCode runs: each case of issue 11 that the assembler used to accept (and CPython then crashed on, or
/// silently misread) is refused with a specific exception naming the instruction, its offset, expected vs found, and a
/// listing with labels and depths; <see cref="AssembleOptions.Verify"/> turns it off.
/// </summary>
public sealed class VerifierTests
{
    [Fact]
    public void Underflow_on_27_is_reported_before_the_recursive_stack_size_walk()
    {
        var e = Assert.Throws<StackDepthException>(() => Python27.Module().BinaryAdd().LoadConst(null).ReturnValue().ToCode());
        Assert.Contains("underflow", e.Problem, StringComparison.Ordinal);
        Assert.Equal(0, e.InstructionIndex);
        Assert.Equal(0, e.Offset);
        Assert.Contains("at least 2", e.Expected, StringComparison.Ordinal);
        Assert.Contains("depth 0", e.Actual, StringComparison.Ordinal);
        Assert.Contains("// depth 0", e.Listing, StringComparison.Ordinal);

        var e36 = Assert.Throws<StackDepthException>(() => Python36.Module().LoadConst(1).BinaryAdd().ReturnValue().ToCode());
        Assert.Equal(1, e36.InstructionIndex);
        Assert.Equal(2, e36.Offset);
    }

    [Fact]
    public void Falling_off_the_end_is_refused()
    {
        var e = Assert.Throws<VerificationException>(() => Python312.Module().Resume(0).LoadConst(1).PopTop().ToCode());
        Assert.Contains("falls off the end", e.Problem, StringComparison.Ordinal);
        Assert.Equal(2, e.InstructionIndex);
        Assert.Throws<VerificationException>(() => Python27.Module().LoadConst(1).PopTop().ToCode());
        Assert.Throws<VerificationException>(() => Python310.Module().LoadConst(1).PopTop().ToCode());
    }

    [Fact]
    public void Copy_and_swap_operands_must_be_within_the_stack_and_at_least_one()
    {
        var copy = Assert.Throws<StackDepthException>(() => Python312.Module().Resume(0).LoadConst(1).Copy(4).ReturnValue().ToCode());
        Assert.Equal(2, copy.InstructionIndex);
        Assert.Equal(4, copy.Offset);
        Assert.Throws<StackDepthException>(() => Python312.Module().Resume(0).LoadConst(1).Swap(5).ReturnValue().ToCode());
        var zero = Assert.Throws<VerificationException>(() => Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Swap(0).PopTop().ReturnValue().ToCode());
        Assert.Contains("SWAP operand out of range", zero.Problem, StringComparison.Ordinal);
        Assert.Equal("0", zero.Actual);
        Assert.Throws<VerificationException>(() => Python311.Module().Resume(0).LoadConst(1).Copy(0).PopTop().ReturnValue().ToCode());
    }

    [Fact]
    public void Fast_locals_in_module_code_are_refused()
    {
        var e = Assert.Throws<VerificationException>(() => Python312.Module().Resume(0).LoadFast("x").ReturnValue().ToCode());
        Assert.Contains("fast local", e.Problem, StringComparison.Ordinal);
        Assert.Contains("'x'", e.Actual, StringComparison.Ordinal);
        Assert.Throws<VerificationException>(() => Python27.Module().LoadFast("x").ReturnValue().ToCode());

        // In a function, a new local is declared by its first use, as before.
        Python312.Function("f").Resume(0).LoadConst(1).StoreFast("x").LoadFast("x").ReturnValue().ToCode();
    }

    [Fact]
    public void Closures_of_311_and_later_need_their_prologue()
    {
        foreach (var version in new[] { PythonVersion.V3_11, PythonVersion.V3_12, PythonVersion.V3_13 })
        {
            var t = OpcodeTables.ForVersion(version);
            Code Closure(bool cell, params CodeItem[] items)
            {
                var code = new Code(version)
                {
                    Name = new PyString("f"),
                    QualName = new PyString("f"),
                    Filename = new PyString("<test>"),
                    FirstLineNo = 1,
                    Flags = Code.CoOptimized | Code.CoNewLocals | (cell ? 0 : 0x10),
                    LocalsPlus = [(new PyString("x"), cell ? LocalKinds.Cell : LocalKinds.Free)],
                };
                code.CodeList.AddRange(items);
                return code;
            }

            var noMakeCell = Closure(true, new Instr(t["RESUME"], 0), new Instr(t["LOAD_CONST"], new PyInt(1)), new Instr(t["STORE_DEREF"], "x"), new Instr(t["LOAD_CONST"], PyNone.Instance), new Instr(t["RETURN_VALUE"]));
            var e = Assert.Throws<VerificationException>(() => noMakeCell.ToCode());
            Assert.Contains("MAKE_CELL", e.Problem, StringComparison.Ordinal);

            var noCopy = Closure(false, new Instr(t["RESUME"], 0), new Instr(t["LOAD_DEREF"], "x"), new Instr(t["RETURN_VALUE"]));
            var c = Assert.Throws<VerificationException>(() => noCopy.ToCode());
            Assert.Contains("COPY_FREE_VARS", c.Problem, StringComparison.Ordinal);

            var good = Closure(false, new Instr(t["COPY_FREE_VARS"], 1), new Instr(t["RESUME"], 0), new Instr(t["LOAD_DEREF"], "x"), new Instr(t["RETURN_VALUE"]));
            good.ToCode();
        }
    }

    [Fact]
    public void A_region_deeper_than_the_stack_is_refused()
    {
        var b = Python312.Module().DefineLabel(out var handler).Resume(0).BeginTry(handler, 3, out var region)
            .LoadName("x").PopTop().EndTry(region).ReturnConst(null)
            .MarkLabel(handler).PopTop().PopTop().PopTop().PopTop().ReturnConst(null);
        var e = Assert.Throws<StackDepthException>(() => b.ToCode());
        Assert.Contains("region", e.Problem, StringComparison.Ordinal);
        Assert.Contains("try: handler L1, depth 3", e.Listing, StringComparison.Ordinal);
    }

    [Fact]
    public void Kw_names_must_be_a_tuple_of_str()
    {
        // The typed KwNames builds the tuple of names; a model edited by hand (or decoded) can still hold a plain string.
        var model = Python312.Module().Resume(0)
            .PushNull().LoadName("print").LoadConst(1).LoadConst(" ").KwNames("sep").Call(2).PopTop().ReturnConst(null).Build();
        var at = model.CodeList.FindIndex(x => x is Instr { Opcode.Name: "KW_NAMES" });
        model.CodeList[at] = new Instr(((Instr)model.CodeList[at]).Opcode, new PyString("sep"));
        var e = Assert.Throws<VerificationException>(() => model.ToCode());
        Assert.Contains("KW_NAMES", e.Problem, StringComparison.Ordinal);
        Assert.Contains("'sep'", e.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_reached_with_two_depths_is_refused_on_27_to_310_with_the_labels_listed()
    {
        var e27 = Assert.Throws<StackDepthException>(() => Python27.Module().DefineLabel(out var l)
            .LoadConst(1).PopJumpIfTrue(l).LoadConst(2).MarkLabel(l).LoadConst(null).ReturnValue().ToCode());
        Assert.Contains("two stack depths", e27.Problem, StringComparison.Ordinal);
        Assert.Contains("L1:", e27.Listing, StringComparison.Ordinal);
        Assert.Contains("to L1", e27.Listing, StringComparison.Ordinal);
        Assert.DoesNotContain(", depth 1.", e27.Message.Split('\n')[0], StringComparison.Ordinal);

        foreach (var b in new Func<PyCode>[]
        {
            () => Python36.Module().DefineLabel(out var l).LoadConst(1).PopJumpIfTrue(l).LoadConst(2).MarkLabel(l).ReturnValue().ToCode(),
            () => Python38.Module().DefineLabel(out var l).LoadConst(1).PopJumpIfTrue(l).LoadConst(2).MarkLabel(l).ReturnValue().ToCode(),
            () => Python310.Module().DefineLabel(out var l).LoadConst(1).PopJumpIfTrue(l).LoadConst(2).MarkLabel(l).ReturnValue().ToCode(),
        })
        {
            Assert.Throws<StackDepthException>(() => b());
        }
    }

    [Fact]
    public void Negative_arguments_are_an_invalid_code_exception_on_every_version()
    {
        foreach (var version in PythonVersion.Supported)
        {
            var t = OpcodeTables.ForVersion(version);
            var code = new Code(version) { Name = new PyString("m"), Filename = new PyString("<test>"), FirstLineNo = 1 };
            code.CodeList.AddRange([new Instr(t["BUILD_TUPLE"], -1), new Instr(t["RETURN_VALUE"])]);
            var e = Assert.Throws<InvalidCodeException>(() => code.ToCode());
            Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verification_can_be_turned_off_for_experiments()
    {
        var code = Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Swap(0).PopTop().ReturnValue().Build();
        Assert.Throws<VerificationException>(() => code.ToCode());
        var built = code.ToCode(new AssembleOptions { Verify = false });
        Assert.Equal(2, built.StackSize);
    }
}
