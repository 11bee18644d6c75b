using ByteFluent.Cli;
using ByteFluent.Cli.Commands;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Cli;

/// <summary>README's first command: the demo reads the bundled .pyc, swaps f's arguments and runs both files, then builds and runs a module with the fluent API.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_swaps_the_printed_arguments_and_the_interpreter_prints_them_reversed()
    {
        var outDir = Directory.CreateTempSubdirectory("bytefluent-demo-test-");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = CommandLine.Run(["demo", "--out", outDir.FullName], stdout, stderr);

            var text = stdout.ToString();
            Assert.True(code == 0, text + stderr);
            Assert.Contains("SWAP", text, StringComparison.Ordinal);
            Assert.Contains("original: 3 5", text, StringComparison.Ordinal);
            Assert.Contains("swapped:  5 3", text, StringComparison.Ordinal);

            // The written file is a real 3.12 .pyc that the interpreter runs on its own, too.
            var swapped = Path.Combine(outDir.FullName, "swapped.pyc");
            Assert.Equal(ByteFluent.Versions.PythonVersion.V3_12, PycFile.Load(swapped).Header.Version);
            var run = Interpreters.Get("3.12").Run($"import runpy\nrunpy.run_path({swapped.ToPythonLiteral()})");
            Assert.Equal("5 3", run.EnsureSuccess("running swapped.pyc").Trim());

            // The fluent half: the built module prints what the Python it stands for prints in the real 3.12.
            var oracle = Interpreters.Get("3.12").Run(FluentDemo.Source).EnsureSuccess("running the fluent demo's source").Trim();
            Assert.Contains("\nfluent:   " + oracle + "\n", text, StringComparison.Ordinal);
            Assert.Contains("JUMP_BACKWARD", text, StringComparison.Ordinal);
            var fluent = Path.Combine(outDir.FullName, "fluent.pyc");
            var fluentRun = Interpreters.Get("3.12").Run($"import runpy\nrunpy.run_path({fluent.ToPythonLiteral()})");
            Assert.Equal(oracle, fluentRun.EnsureSuccess("running fluent.pyc").Trim());
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }
}

internal static class PythonLiteralExtensions
{
    public static string ToPythonLiteral(this string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
