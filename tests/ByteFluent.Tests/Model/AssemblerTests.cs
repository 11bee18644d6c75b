using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Model;

/// <summary>The assembler's checks on hand-built code lists, and byteplay's equality and getse.</summary>
public sealed class AssemblerTests
{
    private static readonly OpcodeTable T312 = OpcodeTables.ForVersion(PythonVersion.V3_12);

    private static Code Function(CodeList list) => new(PythonVersion.V3_12)
    {
        Name = new PyString("f"),
        QualName = new PyString("f"),
        Filename = new PyString("<test>"),
        FirstLineNo = 1,
        ArgCount = 1,
        Flags = Code.CoOptimized | Code.CoNewLocals,
        LocalsPlus = [(new PyString("a"), LocalKinds.Local)],
        CodeList = list,
    };

    [Fact]
    public void ALabelReachedWithTwoDepthsIsInconsistentCodeWithADepthListing()
    {
        var target = new Label();
        var code = Function(
        [
            new Instr(T312["RESUME"], 0),
            new Instr(T312["LOAD_FAST"], "a"),
            new Instr(T312["LOAD_FAST"], "a"),
            new Instr(T312["POP_JUMP_IF_TRUE"], target),
            new Instr(T312["LOAD_FAST"], "a"),
            new Instr(T312["LOAD_FAST"], "a"),
            target,
            new Instr(T312["RETURN_VALUE"]),
        ]);
        var e = Assert.Throws<StackDepthException>(() => code.ToCode());
        Assert.Contains("depth", e.Problem, StringComparison.Ordinal);
        Assert.Contains("RETURN_VALUE", e.Instruction, StringComparison.Ordinal);
        Assert.Contains("// depth 1", e.Listing, StringComparison.Ordinal);
    }

    [Fact]
    public void UnderflowAndMissingLabelsAreReportedWithTheEntry()
    {
        var underflow = Function([new Instr(T312["RESUME"], 0), new Instr(T312["POP_TOP"]), new Instr(T312["RETURN_CONST"], PyNone.Instance)]);
        var e = Assert.Throws<StackDepthException>(() => underflow.ToCode());
        Assert.Equal(1, e.InstructionIndex);
        Assert.Contains("underflow", e.Problem, StringComparison.Ordinal);

        var missing = Function([new Instr(T312["RESUME"], 0), new Instr(T312["JUMP_FORWARD"], new Label()), new Instr(T312["RETURN_CONST"], PyNone.Instance)]);
        var m = Assert.Throws<InvalidCodeException>(() => missing.ToCode());
        Assert.Equal(1, m.Index);

        var wrongKind = Function([new Instr(T312["RESUME"], 0), new Instr(T312["JUMP_FORWARD"], "x")]);
        Assert.Throws<InvalidCodeException>(() => wrongKind.ToCode());
    }

    [Fact]
    public void NewConstantsAndNamesAreAppendedInFirstUseOrderAndJumpsResolve()
    {
        var loop = new Label();
        var done = new Label();
        var code = Function(
        [
            new Instr(T312["RESUME"], 0),
            loop,
            new Instr(T312["LOAD_FAST"], "a"),
            new Instr(T312["POP_JUMP_IF_FALSE"], done),
            new Instr(T312["LOAD_GLOBAL"], new GlobalName("g", PushNull: true)),
            new Instr(T312["LOAD_CONST"], new PyInt(7)),
            new Instr(T312["CALL"], 1),
            new Instr(T312["STORE_FAST"], "a"),
            new Instr(T312["JUMP_BACKWARD"], loop),
            done,
            new Instr(T312["RETURN_CONST"], PyNone.Instance),
        ]);
        var built = code.ToCode();
        Assert.Equal(["g"], built.Names.Select(n => n.Value));
        Assert.Equal(2, built.Consts.Length);
        Assert.Equal(3, built.StackSize);
        var back = Code.FromCode(built, PythonVersion.V3_12);
        Assert.Equal(code.CodeList.OfType<Instr>().Select(i => i.Opcode.Name), back.CodeList.OfType<Instr>().Select(i => i.Opcode.Name));
        Assert.Equal(new GlobalName("g", true), back.CodeList.OfType<Instr>().First(i => i.Opcode.Name == "LOAD_GLOBAL").Arg);

        // byteplay's equality compares labels by the flow graph: the same list with fresh labels is equal.
        var again = Code.FromCode(built, PythonVersion.V3_12);
        Assert.Equal(back, again);
        again.CodeList.Reverse(1, 2);
        Assert.NotEqual(back, again);
    }

    [Fact]
    public void GetSeAndIsOpcodeFollowByteplay()
    {
        Assert.Equal(new OpcodeStackEffect(0, 1), Byteplay.GetSe(T312["LOAD_CONST"], 0));
        Assert.Equal(new OpcodeStackEffect(2, 1), Byteplay.GetSe(T312["BINARY_OP"], 0));
        Assert.True(Byteplay.IsOpcode(new Instr(T312["NOP"])));
        Assert.False(Byteplay.IsOpcode(new Label()));
        Assert.False(Byteplay.IsOpcode(new SetLineno(3)));
    }
}
