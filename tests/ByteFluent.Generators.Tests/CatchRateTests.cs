using System.Collections.Immutable;
using ByteFluent.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The compile-time catch rate README states: every bad builder program of issue 11's first section (plus the forms
/// the analyzers deliberately give up on), compiled with the analyzers, classified as a compile error (CS*), an
/// analyzer error (BF*), made impossible by the API's types (the program runs and builds), or caught at run time (it
/// runs and throws one of ByteFluent's exceptions). Each row's class is measured and asserted, and README must carry
/// the sentence the counts make, so the numbers there cannot drift from what the compiler, analyzers and library do.
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
        ("Copy(2) after MarkLabel at the label's depth 1", "Python312.Module().Resume(0).DefineLabel(out var l).LoadConst(1).LoadConst(true).PopJumpIfFalse(l).PopTop().ReturnConst(null).MarkLabel(l).Copy(2).PopTop().PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("Swap(5) at depth 1", "Python312.Module().Resume(0).LoadConst(1).Swap(5).PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("Swap(0)", "Python312.Module().Resume(0).LoadConst(1).LoadConst(2).Swap(0).PopTop().PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("BeginTry depth larger than the stack", "Python312.Module().Resume(0).DefineLabel(out var h).BeginTry(h, 2, out var r).Nop().EndTry(r).ReturnConst(null).MarkLabel(h).Reraise(0).ToCode();", Caught.Analyzer),
        ("label of another builder (same version)", "var a = Python312.Module().DefineLabel(out var l); Python312.Module().Resume(0).JumpForward(l).MarkLabel(l).ReturnConst(null).ToCode();", Caught.Analyzer),
        ("3.12 label used in a 3.13 builder", "Python312.Module().DefineLabel(out var l); Python313.Module().Resume(0).JumpForward(l).ReturnConst(null).ToCode();", Caught.Compiler),
        ("KwNames(\"sep\") (a string, not a tuple)", "Python312.Module().Resume(0).KwNames(\"sep\").ReturnConst(null).ToCode();", Caught.Prevented),
        ("KwNames with names known only at run time", "var names = System.Environment.GetCommandLineArgs().Take(0).Append(\"sep\").ToArray(); Python312.Module().Resume(0).KwNames(names).ReturnConst(null).ToCode();", Caught.Prevented),
        ("3.12 closure without MakeCell/CopyFreeVars", "Python312.Function(\"f\", [\"x\"], cellVars: [\"x\"]).Resume(0).LoadClosure(\"x\").ReturnValue().ToCode();", Caught.Prevented),
        ("3.12 closure deref of a name not declared as a cell", "Python312.Function(\"f\", [\"x\"]).Resume(0).LoadDeref(\"x\").ReturnValue().ToCode();", Caught.Analyzer),
        ("hand-packed CallFunction(0 | (2 << 8))", "Python27.Module().LoadName(\"f\").LoadConst(\"k\").LoadConst(1).CallFunction(0 | (2 << 8)).ReturnValue().ToCode();", Caught.Analyzer),
        ("LoadFast in module code", "Python312.Module().Resume(0).LoadFast(\"x\").ReturnValue().ToCode();", Caught.Analyzer),
        ("underflow behind a branch", "var b = Python312.Module().Resume(0); if (System.Environment.TickCount > 0) { b.LoadConst(1); } b.PopTop().PopTop().ReturnConst(null).ToCode();", Caught.Analyzer),
        ("underflow through raw Emit", "Python312.Module().Resume(0).Emit(Python312.POP_TOP).ReturnConst(null).ToCode();", Caught.Analyzer),
        ("KW_NAMES with a string through raw Emit", "Python312.Module().Resume(0).Emit(Python312.KW_NAMES, new ByteFluent.Marshal.PyString(\"sep\")).ReturnConst(null).ToCode();", Caught.Analyzer),
        ("underflow behind a loop", "var b = Python312.Module().Resume(0); for (var i = 0; i < 1; i++) { b.LoadConst(i); } b.PopTop().PopTop().ReturnConst(null).ToCode();", Caught.RunTime),
        ("underflow behind a count known only at run time", "Python312.Module().Resume(0).LoadConst(1).BuildTuple(System.Environment.ProcessorCount + 1).PopTop().ReturnConst(null).ToCode();", Caught.RunTime),
        ("underflow through code appended as model items", "Python312.Module().Resume(0).Append(new ByteFluent.Model.Instr(Python312.POP_TOP)).ReturnConst(null).ToCode();", Caught.RunTime),
        ("label of another builder through a helper", "var a = Python312.Module().DefineLabel(out var l); Jump(Python312.Module(), l);", Caught.RunTime),
    ];

    [Fact]
    public async Task Bad_programs_are_classified_as_README_states()
    {
        var counts = new Dictionary<Caught, int>();
        var wrong = new List<string>();
        foreach (var (name, code, expected) in Programs)
        {
            var (actual, detail) = await Classify(code);
            counts[actual] = counts.GetValueOrDefault(actual) + 1;
            output.WriteLine($"{actual,-9} {name}{detail}");
            if (actual != expected)
            {
                wrong.Add($"{name}: expected {expected}, got {actual}{detail}");
            }
        }

        Assert.Empty(wrong);

        // README states the measured numbers in these words (its line breaks aside).
        var sentence = Summary(Programs.Length, counts.GetValueOrDefault(Caught.Compiler), counts.GetValueOrDefault(Caught.Analyzer),
            counts.GetValueOrDefault(Caught.Prevented), counts.GetValueOrDefault(Caught.RunTime));
        output.WriteLine(sentence);
        var readme = string.Join(' ', File.ReadAllText(Path.Combine(ByteFluent.TestSupport.RepositoryPaths.Root, "README.md"))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(sentence, readme, StringComparison.Ordinal);
    }

    /// <summary>The catch-rate sentence README carries.</summary>
    private static string Summary(int programs, int compiler, int analyzer, int prevented, int runTime) =>
        $"of {programs} programs, {compiler + analyzer} are compile-time errors ({analyzer} analyzer diagnostics, {compiler} compiler error), "
        + $"{prevented} are impossible through the typed API, and {runTime} are caught at run time by a ByteFluent exception";

    /// <summary>
    /// Compiles the statement with the analyzers; a program neither rejects is run: it must either build (the API made it
    /// right) or throw one of ByteFluent's own exceptions (the run-time checks caught it) — never anything else.
    /// </summary>
    private static async Task<(Caught Caught, string Detail)> Classify(string statement)
    {
        var compilation = GeneratorHarness.Compilation($$"""
            using System.Linq;
            using ByteFluent;
            using ByteFluent.Building;
            public static class C
            {
                public static void M()
                {
                    {{statement}}
                }

                static void Jump(Python312.Builder b, BuilderLabel<Python312.Builder> l) => b.JumpForward(l).ReturnConst(null).ToCode();
            }
            """);
        if (compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            return (Caught.Compiler, $" ({error.Id})");
        }

        var analyzed = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new BuilderAnalyzer())).GetAnalyzerDiagnosticsAsync();
        if (analyzed.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } found)
        {
            return (Caught.Analyzer, $" ({found.Id})");
        }

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("; ", emitted.Diagnostics));
        var method = System.Reflection.Assembly.Load(image.ToArray()).GetType("C")!.GetMethod("M")!;
        try
        {
            method.Invoke(null, null);
            return (Caught.Prevented, string.Empty);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is { } thrown)
        {
            // Only the library's documented exceptions count as caught; a BCL exception would be a crash of the API.
            Assert.True(thrown.GetType().Namespace?.StartsWith("ByteFluent", StringComparison.Ordinal) == true, $"{statement}: {thrown}");
            return (Caught.RunTime, $" ({thrown.GetType().Name})");
        }
    }
}
