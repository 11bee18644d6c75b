using ByteFluent.Generators.Analyzers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The BF0004–BF0009 rules of <see cref="BuilderAnalyzer"/> on snippets compiled against the real library (its
/// generated Python27 … Python315 builders): each rule fires where marked and nowhere else.
/// </summary>
public sealed class AnalyzerTests
{
    private const string Usings = """
        using ByteFluent;
        using ByteFluent.Building;
        using ByteFluent.Model;
        using ByteFluent.Pyc;
        using ByteFluent.Versions;

        """;

    [Fact]
    public Task BF0004_wrong_argument_kind_on_the_version_neutral_api() => Verify("""
        static class C
        {
            static void M()
            {
                _ = new Instr(Python311.JUMP_FORWARD, {|BF0004:"x"|});
                _ = new Instr(Python311.LOAD_FAST, {|BF0004:3|});
                _ = new Instr(Python27.ROT_TWO, {|BF0004:"a"|});
                _ = new Instr(Python312.COMPARE_OP, {|BF0004:new Label()|});
                Python312.Module().Emit(Python312.JUMP_BACKWARD, {|BF0004:1|});
                _ = new Instr(Python311.JUMP_FORWARD, new Label());
                _ = new Instr(Python311.LOAD_FAST, "x");
                _ = new Instr(Python312.LOAD_GLOBAL, new GlobalName("print", true));
                _ = new Instr(Python27.ROT_TWO);
                _ = new Instr(Python312.LOAD_CONST, ByteFluent.Marshal.PyNone.Instance);
                _ = new Instr(Python312.COMPARE_OP, "<");
                _ = new Instr(Python312.BUILD_TUPLE, 2);
                object unknown = "x";
                _ = new Instr(Python311.JUMP_FORWARD, unknown);
            }
        }
        """);

    [Fact]
    public Task BF0005_label_defined_but_never_marked() => Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().DefineLabel({|BF0005:out var lost|}).DefineLabel(out var used)
                    .LoadConst(true).PopJumpIfFalse(used).MarkLabel(used).ReturnConst(null);
                var b = Python312.Module().DefineLabel(out var passed);
                Elsewhere(b, passed);
            }

            static void Elsewhere(Python312.Builder b, BuilderLabel<Python312.Builder> l) => b.MarkLabel(l);
        }
        """);

    [Fact]
    public Task BF0006_label_marked_twice() => Verify("""
        static class C
        {
            static void M()
            {
                Python310.Module().DefineLabel(out var l).MarkLabel(l).Nop().{|BF0006:MarkLabel(l)|}.LoadConst(null).ReturnValue();
            }
        }
        """);

    [Fact]
    public Task Labels_in_locals_are_followed_across_statements() => Verify("""
        static class C
        {
            static void M(bool flag)
            {
                var b = Python312.Module().Resume(0).DefineLabel(out var end).DefineLabel({|BF0005:out var never|});
                b.DefineLabel(out var twice);
                if (flag)
                {
                    b.LoadConst(true).PopJumpIfFalse(end);
                }

                b.MarkLabel(twice).Nop();
                b.MarkLabel(end);
                b.{|BF0006:MarkLabel(twice)|};
                b.ReturnConst(null);
            }
        }
        """);

    [Fact]
    public Task BF0007_stack_underflow_at_the_offending_call() => Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().LoadConst(1).PopTop().{|BF0007:PopTop()|}.ReturnConst(null);
                Python27.Module().LoadConst(1).{|BF0007:BinaryAdd()|};
                Python313.Function("f", ["a", "b"]).Resume(0).LoadFast("a").LoadFast("b").BinaryOp(Python313.BinaryOperator.Add).ReturnValue();
                Python36.Module().LoadConst(1).LoadConst(2).RotTwo().BinaryAdd().PopTop().LoadConst(null).ReturnValue();
                // A label reached only by falling through from depth 0 is at depth 0.
                Python312.Module().DefineLabel(out var l).MarkLabel(l).{|BF0007:PopTop()|};
            }
        }
        """);

    [Fact]
    public Task BF0008_opcode_of_another_version_that_the_builder_lacks() => Verify("""
        static class C
        {
            static void M()
            {
                Python312.Module().Emit({|BF0008:Python27.ROT_TWO|});
                Python315.Module().Emit({|BF0008:Python311.PRECALL|}, 1);
                Python312.Module().Emit(Python311.NOP).Emit(Python312.NOP);
            }
        }
        """);

    [Fact]
    public Task BF0009_pyc_header_for_another_version() => Verify("""
        static class C
        {
            static void M()
            {
                _ = PycFile.Create(Python312.Module().ReturnConst(null).ToCode(), {|BF0009:Python311.Version|});
                _ = PycFile.Create(Python312.Module().ReturnConst(null).ToCode(), {|BF0009:PythonVersion.V3_13|});
                _ = PycFile.Create(Python312.Module().ReturnConst(null).ToCode(), Python312.Version);
                _ = PycFile.Create(Python312.Module().ReturnConst(null).ToCode(), PythonVersion.V3_12);
            }
        }
        """);

    [Fact]
    public Task Valid_builder_code_has_no_diagnostics() => Verify("""
        static class C
        {
            static void M()
            {
                Python27.Module().LoadConst("hi").PrintItem().PrintNewline().LoadConst(null).ReturnValue();
                Python311.Module().Resume(0).PushNull().LoadName("print").LoadConst("hi").Precall(1).Call(1).PopTop().LoadConst(null).ReturnValue();
                Python312.Function("f", ["n"]).Resume(0).DefineLabel(out var h).DefineLabel(out var done)
                    .Try(h, 0, b => b.LoadConst(1).LoadFast("n").BinaryOp(Python312.BinaryOperator.FloorDivide).PopTop())
                    .JumpForward(done)
                    .MarkLabel(h).PushExcInfo().PopTop().PopExcept()
                    .MarkLabel(done).ReturnConst(null);
                Python314.Module().Resume(0).LoadName("print").PushNull().LoadConst((1, "a")).Call(1).PopTop().LoadConst(null).ReturnValue();
            }
        }
        """);

    internal static Task Verify(string source)
    {
        var test = new CSharpAnalyzerTest<BuilderAnalyzer, DefaultVerifier>
        {
            // The runtime's own assemblies plus ByteFluent are the references (GeneratorHarness.References); nothing is downloaded.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestCode = Usings + source,
        };
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        return test.RunAsync();
    }
}
