using ByteFluent.Model;
using ByteFluent.Transforms;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Transforms;

/// <summary>The per-version runs nothing may be inserted into.</summary>
public sealed class InstructionAdjacencyTests
{
    private static List<Instr> Instrs(string version, params string[] names)
    {
        var table = OpcodeTables.ForVersion(PythonVersion.Parse(version));
        return [.. names.Select(n => new Instr(table[n]))];
    }

    [Theory]
    [InlineData("3.9")]
    [InlineData("3.10")]
    public void TheAexitAwaitRunOf39And310IsKeptWhole(string version)
    {
        var rules = InstructionAdjacency.For(PythonVersion.Parse(version));
        var run = Instrs(version, "LOAD_CONST", "DUP_TOP", "CALL_FUNCTION", "GET_AWAITABLE", "POP_TOP");
        Assert.Equal([true, true, false, false, true, true], Enumerable.Range(0, 6).Select(i => rules.MayInsertBefore(run, i)));
        var other = Instrs(version, "DUP_TOP", "CALL_FUNCTION", "POP_TOP");
        Assert.True(rules.MayInsertBefore(other, 1));
    }

    [Fact]
    public void ThreeElevenKeepsSendYieldResumeAndPrecallCallTogether()
    {
        var rules = InstructionAdjacency.For(PythonVersion.V3_11);
        var run = Instrs("3.11", "SEND", "YIELD_VALUE", "RESUME", "PRECALL", "CALL", "POP_TOP");
        Assert.Equal([true, false, false, true, false, true], Enumerable.Range(0, 6).Select(i => rules.MayInsertBefore(run, i)));
    }

    [Theory]
    [InlineData("3.12", new[] { true, false, true })]
    [InlineData("3.13", new[] { true, false, false })]
    [InlineData("3.14", new[] { true, false, true })]
    public void EndForStaysAtTheForIterTarget(string version, bool[] expected)
    {
        var rules = InstructionAdjacency.For(PythonVersion.Parse(version));
        var run = Instrs(version, "JUMP_BACKWARD", "END_FOR", "POP_TOP");
        Assert.Equal(expected, Enumerable.Range(0, 3).Select(i => rules.MayInsertBefore(run, i)));
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.6")]
    [InlineData("3.8")]
    public void OlderVersionsAllowInsertingBetweenYieldAndTheNextInstruction(string version)
    {
        var rules = InstructionAdjacency.For(PythonVersion.Parse(version));
        var run = Instrs(version, "YIELD_VALUE", "POP_TOP");
        Assert.True(rules.MayInsertBefore(run, 1));
    }
}
