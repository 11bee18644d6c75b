using Microsoft.CodeAnalysis;

namespace ByteFluent.Generators.Tests;

/// <summary>The generated classes expose exactly their version's opcodes and sets: a missing one is a compile error.</summary>
public sealed class GeneratedApiTests
{
    [Theory]
    [InlineData("Python27.ROT_TWO")]
    [InlineData("Python312.SWAP")]
    [InlineData("Python312.Specialized.BINARY_OP_ADD_INT")]
    [InlineData("Python312.Instrumented.INSTRUMENTED_JUMP_FORWARD")]
    [InlineData("Python312.Pseudo.JUMP")]
    [InlineData("Python312.HasExc")]
    [InlineData("Python27.HasJump")]
    [InlineData("Python27.HasArg")]
    [InlineData("Python312.ArgumentValues.BINARY_OP.NB_LSHIFT")]
    [InlineData("Python27.CoFlags.CO_NOFREE")]
    public void Member_of_the_version_compiles(string member)
        => Assert.Empty(Errors($"namespace User; static class Use {{ static object M() => ByteFluent.{member}; }}"));

    [Theory]
    [InlineData("Python312.ROT_TWO")]
    [InlineData("Python27.SWAP")]
    [InlineData("Python312.BINARY_OP_ADD_INT")]
    [InlineData("Python312.JUMP")]
    [InlineData("Python27.HasExc")]
    [InlineData("Python27.ArgumentValues")]
    public void Member_the_version_lacks_is_CS0117(string member)
    {
        var errors = Errors($"namespace User; static class Use {{ static object M() => ByteFluent.{member}; }}");
        Assert.Contains(errors, e => e.Id == "CS0117");
    }

    private static IReadOnlyList<Diagnostic> Errors(string source)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.AllFixtures(), source);
        Assert.Empty(result.Diagnostics);
        return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}
