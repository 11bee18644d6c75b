using Microsoft.CodeAnalysis;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The generated builders make version mistakes compile errors: snippets compiled against the real library must fail
/// with the expected compiler diagnostics (or compile cleanly when correct).
/// </summary>
public sealed class BuilderCompileTests
{
    [Theory]
    [InlineData("Python312.Module().RotTwo();", "CS1061")]                      // 3.12 has no ROT_TWO
    [InlineData("Python27.Module().Swap(2);", "CS1061")]                        // 2.7 has no SWAP
    [InlineData("Python311.Module().LoadFastLoadFast(\"a\", \"b\");", "CS1061")] // paired locals start in 3.13
    [InlineData("Python312.Module().LoadFast(1);", "CS1503")]                   // a local is a name
    [InlineData("Python312.Module().JumpForward(\"x\");", "CS1503")]            // a jump takes a label
    [InlineData("Python312.Module().BinaryOp(3);", "CS1503")]                   // an operator is an enum
    [InlineData("Python312.Module().CompareOp(Python27.CompareOperator.In);", "CS1503")] // another version's enum
    [InlineData("Python310.Module().BeginTry(default, 0, out var r);", "CS1061")] // exception regions are 3.11+
    [InlineData("Python312.Module().PopTop(1);", "CS1501")]                      // no argument
    [InlineData("Python312.Module().DefineLabel(out var l); Python313.Module().JumpForward(l);", "CS1503")] // a label of another version
    [InlineData("Python312.Module().DefineLabel(out var l); Python313.Module().MarkLabel(l);", "CS1503")]
    [InlineData("Python312.Module().Cache();", "CS1061")]                       // the assembler owns caches
    [InlineData("Python312.Module().ExtendedArg(1);", "CS1061")]                // and EXTENDED_ARG
    [InlineData("Python312.Module().KwNames((1, 2));", "CS1503")]               // keyword names are strings
    [InlineData("Python312.Module().RaiseVarargs(1);", "CS1503")]               // the raise form is an enum
    [InlineData("Python27.Function(\"f\", kwOnlyArgs: [\"k\"]);", "CS1739")]    // 2.7 has no keyword-only parameters
    public void Version_mistakes_do_not_compile(string statement, string expected)
    {
        var errors = Errors(statement);
        Assert.Contains(expected, errors);
    }

    [Theory]
    [InlineData("Python27.Module().RotTwo().LoadConst(null).LoadConst(1L).LoadConst(2.5).LoadConst(true).LoadConst(new byte[] { 1 }).LoadConst((1, \"a\"));")]
    [InlineData("Python312.Module().LoadGlobal(\"print\", pushNull: true).LoadAttr(\"x\", method: true).CompareOp(Python312.CompareOperator.LessThan).BinaryOp(Python312.BinaryOperator.Add);")]
    [InlineData("Python313.Module().LoadFastLoadFast(\"a\", \"b\").CompareOp(Python313.CompareOperator.Equal, toBool: true).CallIntrinsic1(Python313.Intrinsic1.Print);")]
    [InlineData("Python311.Module().DefineLabel(out var h).BeginTry(h, 0, out var r).Nop().EndTry(r).MarkLabel(h);")]
    [InlineData("Python310.Module().LoadConst(Python310.Function(\"f\", [\"a\"]).LoadFast(\"a\").ReturnValue()).LoadConst(\"f\").MakeFunction(Python310.MakeFunctionFlags.Closure);")]
    [InlineData("Python314.Module().LoadSmallInt(3).LoadCommonConstant(Python314.CommonConstant.AssertionError).LoadSpecial(Python314.SpecialMethod.Enter);")]
    [InlineData("Python27.Module().LoadName(\"f\").LoadConst(\"k\").LoadConst(1).CallFunction(0, 1).CallFunctionVarKw(1, 2).UnpackSequence(2);")]
    [InlineData("Python312.Module().KwNames(\"sep\", \"end\").RaiseVarargs(Python312.RaiseForm.ExceptionFrom).Resume(Python312.ResumeKind.AfterAwait).IsOp(invert: true).CallFunctionEx(keywords: true);")]
    [InlineData("Python39.Module().UnpackEx(1, 2).RaiseVarargs(Python39.RaiseForm.Reraise).ContainsOp(true);")]
    [InlineData("Python27.Module().RaiseVarargs(Python27.RaiseForm.TypeValueTraceback).MakeFunction(2);")]
    [InlineData("Python313.Function(\"f\", [\"b\"], posOnlyArgs: [\"a\"], kwOnlyArgs: [\"k\"], qualName: \"C.f\", cellVars: [\"a\"]);")]
    public void Correct_chains_compile(string statement) => Assert.Empty(Errors(statement));

    private static List<string> Errors(string statement)
    {
        var compilation = GeneratorHarness.Compilation($$"""
            using ByteFluent;
            static class C
            {
                static void M()
                {
                    {{statement}}
                }
            }
            """);
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();
    }
}
