using ByteFluent.CodeFixes;
using ByteFluent.Generators.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The code fixes of ByteFluent.CodeFixes on snippets compiled against the real library: each fix turns the marked
/// diagnostic into code with no diagnostic left (or leaves alone what it cannot fix with certainty).
/// </summary>
public sealed class CodeFixTests
{
    private const string Usings = """
        using ByteFluent;
        using ByteFluent.Building;
        using ByteFluent.Model;
        using ByteFluent.Pyc;
        using ByteFluent.Versions;

        """;

    [Fact]
    public Task BF0004_removes_an_argument_the_opcode_does_not_take() => Verify<RemoveArgumentFix>("""
        static class C
        {
            static void M()
            {
                _ = new Instr(Python27.ROT_TWO, {|BF0004:"a"|});
                Python36.Module().LoadConst(1).Emit(Python36.DUP_TOP, {|BF0004:"x"|}).BuildTuple(2).ReturnValue();
                _ = new Instr(Python311.JUMP_FORWARD, {|BF0004:"x"|});
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                _ = new Instr(Python27.ROT_TWO);
                Python36.Module().LoadConst(1).Emit(Python36.DUP_TOP).BuildTuple(2).ReturnValue();
                _ = new Instr(Python311.JUMP_FORWARD, {|BF0004:"x"|});
            }
        }
        """);

    [Fact]
    public Task BF0015_uses_the_by_name_opcode_in_module_code() => Verify<FastLocalInModuleFix>("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).LoadConst(1).{|BF0015:StoreFast("x")|}.{|BF0015:LoadFast("x")|}.ReturnValue().ToCode();
                Python27.Module().{|BF0015:DeleteFast("y")|}.LoadConst(null).ReturnValue().ToCode();
                Python313.Module().Resume(0).{|BF0015:Emit(Python313.LOAD_FAST, "x")|}.ReturnValue().ToCode();
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).LoadConst(1).StoreName("x").LoadName("x").ReturnValue().ToCode();
                Python27.Module().DeleteName("y").LoadConst(null).ReturnValue().ToCode();
                Python313.Module().Resume(0).{|BF0015:Emit(Python313.LOAD_FAST, "x")|}.ReturnValue().ToCode();
            }
        }
        """);

    [Fact]
    public Task BF0011_returns_none_before_the_code_is_built() => Verify<FallsOffEndFix>("""
        static class C
        {
            static void M()
            {
                _ = Python312.Module().Resume(0).LoadConst(1).PopTop().{|BF0011:ToCode()|};
                _ = Python310.Module().LoadConst(1).PopTop().{|BF0011:Build()|};
                var f = Python314.Function("f").Resume(0);
                Python314.Module().Resume(0).LoadConst({|BF0011:f|}).MakeFunction().StoreName("f").LoadConst(null).ReturnValue().ToCode();
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                _ = Python312.Module().Resume(0).LoadConst(1).PopTop().ReturnConst(null).ToCode();
                _ = Python310.Module().LoadConst(1).PopTop().LoadConst(null).ReturnValue().Build();
                var f = Python314.Function("f").Resume(0);
                Python314.Module().Resume(0).LoadConst(f.LoadConst(null).ReturnValue()).MakeFunction().StoreName("f").LoadConst(null).ReturnValue().ToCode();
            }
        }
        """);

    [Fact]
    public Task BF0008_uses_the_exact_replacement_of_an_opcode_the_version_lacks() => Verify<MissingOpcodeFix>("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Emit({|BF0008:Python27.ROT_TWO|}).Emit({|BF0008:Python310.BINARY_ADD|}).PopTop().ReturnConst(null).ToCode();
                Python312.Module().Emit({|BF0008:Python311.PRECALL|}, 1);
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Swap(2).BinaryOp(Python312.BinaryOperator.Add).PopTop().ReturnConst(null).ToCode();
                Python312.Module().Emit({|BF0008:Python311.PRECALL|}, 1);
            }
        }
        """);

    [Fact]
    public Task BF0005_removes_a_label_nothing_uses() => Verify<UnmarkedLabelFix>("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).DefineLabel({|BF0005:out var lost|}).ReturnConst(null);
                var b = Python312.Module()
                    .Resume(0)
                    .DefineLabel({|BF0005:out var unused|})
                    .ReturnConst(null);
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).ReturnConst(null);
                var b = Python312.Module()
                    .Resume(0)
                    .ReturnConst(null);
            }
        }
        """);

    [Fact]
    public Task BF0005_marks_a_jumped_to_label_at_the_end_of_its_chain() => Verify<UnmarkedLabelFix>("""
        static class C
        {
            static Python312.Builder M() =>
                Python312.Function("f", ["a"]).Resume(0).DefineLabel({|BF0005:out var end|})
                    .LoadFast("a").PopJumpIfFalse(end).LoadConst(1).ReturnValue();
        }
        """, """
        static class C
        {
            static Python312.Builder M() =>
                Python312.Function("f", ["a"]).Resume(0).DefineLabel(out var end)
                    .LoadFast("a").PopJumpIfFalse(end).LoadConst(1).ReturnValue().MarkLabel(end);
        }
        """);

    [Fact]
    public Task BF0006_removes_the_second_mark() => Verify<DuplicateMarkFix>("""
        static class C
        {
            static void M()
            {
                Python310.Module().DefineLabel(out var l).MarkLabel(l).Nop().{|BF0006:MarkLabel(l)|}.LoadConst(null).ReturnValue();
                Python310.Module()
                    .DefineLabel(out var k)
                    .MarkLabel(k)
                    .{|BF0006:MarkLabel(k)|}
                    .LoadConst(null)
                    .ReturnValue();
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                Python310.Module().DefineLabel(out var l).MarkLabel(l).Nop().LoadConst(null).ReturnValue();
                Python310.Module()
                    .DefineLabel(out var k)
                    .MarkLabel(k)
                    .LoadConst(null)
                    .ReturnValue();
            }
        }
        """);

    [Fact]
    public Task BF0009_writes_the_builders_own_version() => Verify<PycVersionFix>("""
        static class C
        {
            static void M()
            {
                _ = PycFile.Create(Python312.Module().ReturnConst(null).ToCode(), {|BF0009:Python311.Version|});
                _ = PycFile.Create(Python27.Module().LoadConst(null).ReturnValue().ToCode(), {|BF0009:PythonVersion.V3_13|});
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                _ = PycFile.Create(Python312.Module().ReturnConst(null).ToCode(), Python312.Version);
                _ = PycFile.Create(Python27.Module().LoadConst(null).ReturnValue().ToCode(), Python27.Version);
            }
        }
        """);

    [Fact]
    public Task Replaced_opcodes_become_their_exact_311_replacements() => Verify<ReplacedOpcodeFix>("""
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).LoadConst(1).LoadConst(2).{|CS1061:RotTwo|}().PopTop().PopTop().ReturnConst(null);
                Python311.Module().Resume(0).LoadConst(1).LoadConst(2).LoadConst(3)
                    .{|CS1061:RotThree|}()
                    .PopTop().PopTop().PopTop().LoadConst(null).ReturnValue();
                // A missing method makes the rest of its chain unbound: one per chain.
                Python313.Builder b = Python313.Module().Resume(0).LoadConst(1).LoadConst(2).LoadConst(3).LoadConst(4).{|CS1061:RotFour|}();
                b = b.{|CS1061:DupTopTwo|}();
                b = b.{|CS1061:DupTop|}();
                b.PopTop().PopTop().PopTop().PopTop().PopTop().PopTop().PopTop().ReturnConst(null);
                Python313.Builder m = Python313.Module().Resume(0).LoadConst(7).LoadConst(2).{|CS1061:BinaryModulo|}();
                m.LoadConst(3).{|CS1061:InplaceTrueDivide|}().PopTop().ReturnConst(null);
                Python315.Module().Resume(0).LoadConst(7).LoadConst(2).{|CS1061:BinaryMatrixMultiply|}().PopTop().LoadConst(null).ReturnValue();
                Python312.Module().{|CS1061:PrintItem|}();
            }
        }
        """, """
        static class C
        {
            static void M()
            {
                Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Swap(2).PopTop().PopTop().ReturnConst(null);
                Python311.Module().Resume(0).LoadConst(1).LoadConst(2).LoadConst(3)
                    .Swap(3).Swap(2)
                    .PopTop().PopTop().PopTop().LoadConst(null).ReturnValue();
                // A missing method makes the rest of its chain unbound: one per chain.
                Python313.Builder b = Python313.Module().Resume(0).LoadConst(1).LoadConst(2).LoadConst(3).LoadConst(4).Swap(4).Swap(3).Swap(2);
                b = b.Copy(2).Copy(2);
                b = b.Copy(1);
                b.PopTop().PopTop().PopTop().PopTop().PopTop().PopTop().PopTop().ReturnConst(null);
                Python313.Builder m = Python313.Module().Resume(0).LoadConst(7).LoadConst(2).BinaryOp(Python313.BinaryOperator.Remainder);
                m.LoadConst(3).BinaryOp(Python313.BinaryOperator.InplaceTrueDivide).PopTop().ReturnConst(null);
                Python315.Module().Resume(0).LoadConst(7).LoadConst(2).BinaryOp(Python315.BinaryOperator.MatrixMultiply).PopTop().LoadConst(null).ReturnValue();
                Python312.Module().{|CS1061:PrintItem|}();
            }
        }
        """);

    private static Task Verify<TFix>(string source, string fixedSource)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<BuilderAnalyzer, TFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestCode = Usings + source,
            FixedCode = Usings + fixedSource,
        };
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        test.FixedState.AdditionalReferences.AddRange(GeneratorHarness.References);

        // Diagnostics marked in the fixed code are ones the fix rightly leaves (e.g. BF0004 where the intended argument is not evident).
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }
}
