using ByteFluent.Assembly;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Assembly;

/// <summary>
/// 2.5/2.6's compiler counts SLICE+0..3 and MAKE_CLOSURE one item higher than they leave (compile.c's
/// opcode_stack_effect, fixed in 2.7): the depth rules count as that compiler did, the opcode table keeps the real effect.
/// </summary>
public sealed class OldEraMiscountTests
{
    [Theory]
    [InlineData("2.5")]
    [InlineData("2.6")]
    public void CompilerCountIsOneAboveTheRealEffect(string version)
    {
        var v = PythonVersion.Parse(version);
        var table = OpcodeTables.ForVersion(v);
        var rules = StackDepthRules.For(v);
        int[] compiler = [1, 0, 0, -1];
        for (var k = 0; k < 4; k++)
        {
            var slice = table["SLICE+" + k];
            Assert.Equal(compiler[k], rules.NoJumpEffect(slice, 0));
            Assert.Equal(compiler[k] - 1, slice.NetStackEffect(null, false));
        }

        var closure = table["MAKE_CLOSURE"];
        Assert.Equal(-2, rules.NoJumpEffect(closure, 2));
        Assert.Equal(-2, rules.JumpEffect(closure, 2));
        Assert.Equal(-3, closure.NetStackEffect(2, false));
    }

    [Fact]
    public void Python27CountsTheRealEffect()
    {
        var table = OpcodeTables.ForVersion(PythonVersion.V2_7);
        var rules = StackDepthRules.For(PythonVersion.V2_7);
        Assert.Equal(-1, rules.NoJumpEffect(table["SLICE+1"], 0));
        Assert.Equal(-3, rules.NoJumpEffect(table["MAKE_CLOSURE"], 2));
    }
}
