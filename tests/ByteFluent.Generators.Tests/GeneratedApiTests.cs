using Microsoft.CodeAnalysis;

namespace ByteFluent.Generators.Tests;

/// <summary>The generated classes expose exactly their version's opcodes and sets: a missing one is a compile error.</summary>
public sealed class GeneratedApiTests
{
    [Theory]
    [InlineData("Fixture27.ROT_TWO")]
    [InlineData("Fixture312.SWAP")]
    [InlineData("Fixture312.Specialized.BINARY_OP_ADD_INT")]
    [InlineData("Fixture312.Instrumented.INSTRUMENTED_JUMP_FORWARD")]
    [InlineData("Fixture312.Pseudo.JUMP")]
    [InlineData("Fixture312.HasExc")]
    [InlineData("Fixture27.HasJump")]
    [InlineData("Fixture27.HasArg")]
    [InlineData("Fixture312.ArgumentValues.BINARY_OP.NB_LSHIFT")]
    [InlineData("Fixture27.CoFlags.CO_NOFREE")]
    [InlineData("Fixture27.SLICE_1")]
    public void Member_of_the_version_compiles(string member)
        => Assert.Empty(Errors($"namespace User; static class Use {{ static object M() => ByteFluent.{member}; }}"));

    [Theory]
    [InlineData("Fixture312.ROT_TWO")]
    [InlineData("Fixture27.SWAP")]
    [InlineData("Fixture312.BINARY_OP_ADD_INT")]
    [InlineData("Fixture312.JUMP")]
    [InlineData("Fixture27.HasExc")]
    [InlineData("Fixture27.ArgumentValues")]
    public void Member_the_version_lacks_is_CS0117(string member)
    {
        var errors = Errors($"namespace User; static class Use {{ static object M() => ByteFluent.{member}; }}");
        Assert.Contains(errors, e => e.Id == "CS0117");
    }

    [Theory]
    [InlineData("Python27.ROT_TWO", null)]
    [InlineData("Python27.SLICE_0", null)]
    [InlineData("Python311.SWAP", null)]
    [InlineData("Python312.Specialized.LOAD_ATTR_SLOT", null)]
    [InlineData("Python313.HasJump", null)]
    [InlineData("Python311.ROT_TWO", "CS0117")]
    [InlineData("Python312.LOAD_ATTR_SLOT", "CS0117")]
    [InlineData("Python27.SWAP", "CS0117")]
    [InlineData("Python27.HasExc", "CS0117")]
    [InlineData("Python315.ROT_TWO", "CS0117")]
    public void Library_classes_have_exactly_their_versions_opcodes(string member, string? error)
    {
        // Compiled against the built ByteFluent.dll (its generated classes), without running the generator here.
        var compilation = GeneratorHarness.Compilation($"namespace User; static class Use {{ static object M() => ByteFluent.{member}; }}");
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();
        if (error is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(error, errors);
        }
    }

    private static IReadOnlyList<Diagnostic> Errors(string source)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.AllFixtures(), source);
        Assert.Empty(result.Diagnostics);
        return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}
