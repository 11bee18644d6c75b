using System.Collections.Immutable;
using ByteFluent.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The compile-time catch rate README states: every bad builder program of issue 11's first section (plus the forms
/// the analyzers deliberately give up on), compiled with the analyzers, classified as a compile error (CS*), an
/// analyzer error (BF*), made impossible by the API's types, or left to the run-time checks. Each row's class is
/// asserted, so the numbers in README cannot drift from what the compiler and analyzers do.
/// </summary>
public sealed class CatchRateTests(ITestOutputHelper output)
{
    private enum Caught
    {
        Compiler,
        Analyzer,
        Prevented,
        RunTime,
    }

    private static readonly (string Case, string Code, Caught Expected)[] Programs =
    [
        ("underflow, chain ends in ToCode()", "_ = Python312.Module().Resume(0).PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("underflow, chain ends in SavePyc()", "Python312.Module().Resume(0).PopTop().ReturnConst(null).SavePyc(\"x.pyc\");", Caught.Analyzer),
        ("underflow, chain ends in Build()", "_ = Python311.Module().Resume(0).PopTop().LoadConst(null).ReturnValue().Build();", Caught.Analyzer),
        ("underflow, chain ends in ToPyc()", "_ = Python313.Module().Resume(0).PopTop().ReturnConst(null).ToPyc();", Caught.Analyzer),
        ("underflow, builder continued in a local", "var b = Python312.Module().Resume(0); b.LoadConst(1); b.PopTop(); b.PopTop(); b.ReturnConst(null).ToCode();", Caught.Analyzer),
        ("underflow after MarkLabel", "Python312.Module().Resume(0).DefineLabel(out var l).LoadConst(true).PopJumpIfFalse(l).ReturnConst(null).MarkLabel(l).PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("underflow inside a Try body", "Python312.Module().Resume(0).DefineLabel(out var h).Try(h, 0, t => t.PopTop()).ReturnConst(null).MarkLabel(h).PushExcInfo().PopTop().PopExcept().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("BuildTuple(3) at depth 0", "Python312.Module().Resume(0).BuildTuple(3).PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("2.7 BinaryAdd on an empty stack", "Python27.Module().BinaryAdd().PopTop().LoadConst(null).ReturnValue().ToCode();", Caught.Analyzer),
        ("3.6 underflow", "Python36.Module().LoadConst(1).BinaryAdd().PopTop().LoadConst(null).ReturnValue().ToCode();", Caught.Analyzer),
        ("label reached with two depths (3.10)", "Python310.Module().DefineLabel(out var l).LoadConst(1).LoadConst(true).PopJumpIfTrue(l).LoadConst(2).MarkLabel(l).PopTop().LoadConst(null).ReturnValue().ToCode();", Caught.Analyzer),
        ("falls off the end (no return)", "Python312.Module().Resume(0).LoadConst(1).PopTop().ToCode();", Caught.Analyzer),
        ("Copy(4) at depth 1", "Python312.Module().Resume(0).LoadConst(1).Copy(4).PopTop().PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("Swap(5) at depth 1", "Python312.Module().Resume(0).LoadConst(1).Swap(5).PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("Swap(0)", "Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Swap(0).PopTop().PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("BeginTry depth larger than the stack", "Python312.Module().Resume(0).DefineLabel(out var h).BeginTry(h, 2, out var r).Nop().EndTry(r).ReturnConst(null).MarkLabel(h).Reraise(0).ToCode();", Caught.Analyzer),
        ("label of another builder (same version)", "var a = Python312.Module().DefineLabel(out var l); Python312.Module().Resume(0).JumpForward(l).MarkLabel(l).ReturnConst(null).ToCode();", Caught.Analyzer),
        ("3.12 label used in a 3.13 builder", "Python312.Module().DefineLabel(out var l); Python313.Module().Resume(0).JumpForward(l).ReturnConst(null).ToCode();", Caught.Compiler),
        ("KwNames(\"sep\") (a string, not a tuple)", "Python312.Module().Resume(0).KwNames(\"sep\").ReturnConst(null).ToCode();", Caught.Prevented),
        ("3.12 closure without MakeCell/CopyFreeVars", "Python312.Function(\"f\", [\"x\"], cellVars: [\"x\"]).Resume(0).LoadClosure(\"x\").ReturnValue().ToCode();", Caught.Prevented),
        ("hand-packed CallFunction(0 | (2 << 8))", "Python27.Module().LoadName(\"f\").LoadConst(\"k\").LoadConst(1).CallFunction(0 | (2 << 8)).ReturnValue().ToCode();", Caught.Analyzer),
        ("LoadFast in module code", "Python312.Module().Resume(0).LoadFast(\"x\").ReturnValue().ToCode();", Caught.RunTime),
        ("underflow behind a branch", "var b = Python312.Module().Resume(0); if (System.Environment.TickCount > 0) { b.LoadConst(1); } b.PopTop().PopTop().ReturnConst(null).ToCode();", Caught.RunTime),
        ("underflow through raw Emit", "Python312.Module().Resume(0).Emit(Python312.POP_TOP).ReturnConst(null).ToCode();", Caught.RunTime),
        ("KW_NAMES with a string through raw Emit", "Python312.Module().Resume(0).Emit(Python312.KW_NAMES, new ByteFluent.Marshal.PyString(\"sep\")).ReturnConst(null).ToCode();", Caught.RunTime),
        ("label of another builder through a helper", "var a = Python312.Module().DefineLabel(out var l); Jump(Python312.Module(), l);", Caught.RunTime),
    ];

    [Fact]
    public async Task Bad_programs_are_classified_as_README_states()
    {
        var counts = new Dictionary<Caught, int>();
        var wrong = new List<string>();
        foreach (var (name, code, expected) in Programs)
        {
            // Programs the compiler and analyzers accept are either made right by the API (the KwNames and prologue tests in
            // ByteFluent.Tests run them) or left to the run-time checks; the table says which.
            var seen = await Classify(code);
            var actual = seen == Caught.RunTime && expected == Caught.Prevented ? Caught.Prevented : seen;
            counts[actual] = counts.GetValueOrDefault(actual) + 1;
            output.WriteLine($"{actual,-9} {name}");
            if (actual != expected)
            {
                wrong.Add($"{name}: expected {expected}, got {actual}");
            }
        }

        var compileTime = counts.GetValueOrDefault(Caught.Compiler) + counts.GetValueOrDefault(Caught.Analyzer);
        output.WriteLine($"{Programs.Length} programs: {compileTime} compile-time errors ({counts.GetValueOrDefault(Caught.Compiler)} compiler, "
                         + $"{counts.GetValueOrDefault(Caught.Analyzer)} analyzer), {counts.GetValueOrDefault(Caught.Prevented)} impossible by the API, "
                         + $"{counts.GetValueOrDefault(Caught.RunTime)} left to run time");
        Assert.Empty(wrong);
        Assert.Equal((26, 19, 2, 5), (Programs.Length, compileTime, counts.GetValueOrDefault(Caught.Prevented), counts.GetValueOrDefault(Caught.RunTime)));
    }

    private static async Task<Caught> Classify(string statement)
    {
        var compilation = GeneratorHarness.Compilation($$"""
            using ByteFluent;
            using ByteFluent.Building;
            static class C
            {
                static void M()
                {
                    {{statement}}
                }

                static void Jump(Python312.Builder b, BuilderLabel<Python312.Builder> l) => b.JumpForward(l).ReturnConst(null).ToCode();
            }
            """);
        if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return Caught.Compiler;
        }

        var analyzed = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new BuilderAnalyzer())).GetAnalyzerDiagnosticsAsync();
        return analyzed.Any(d => d.Severity == DiagnosticSeverity.Error) ? Caught.Analyzer : Caught.RunTime;
    }
}
