using ByteFluent.Cli;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Text;

/// <summary><c>bytefluent dis --format asm</c> and <c>bytefluent asm</c> from the command line.</summary>
public sealed class AsmCommandTests
{
    [Fact]
    public void DisAsmThenAsmWritesTheIdenticalPyc()
    {
        var source = Corpora.PycFiles("3.12").First(f => f.EndsWith("/__pycache__/dataclasses.cpython-312.pyc", StringComparison.Ordinal));
        var dir = Directory.CreateTempSubdirectory("bytefluent-asm-");
        try
        {
            var asm = Path.Combine(dir.FullName, "dataclasses.pyasm");
            var (code, stdout, stderr) = Run("dis", "--format", "asm", source);
            Assert.True(code == 0, stderr);
            Assert.StartsWith("# ByteFluent assembly", stdout, StringComparison.Ordinal);
            File.WriteAllText(asm, stdout);

            (code, stdout, stderr) = Run("asm", asm);
            Assert.True(code == 0, stderr);
            var written = Path.Combine(dir.FullName, "dataclasses.pyc");
            Assert.Equal($"wrote {written}", stdout.Trim());
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(written));

            // Without the layout section the file still assembles (CPython's default encoding) and loads the same code.
            (code, stdout, _) = Run("dis", "--format", "asm", "--no-layout", source);
            Assert.Equal(0, code);
            Assert.DoesNotContain(".layout", stdout, StringComparison.Ordinal);
            File.WriteAllText(asm, stdout);
            var other = Path.Combine(dir.FullName, "other.pyc");
            (code, _, stderr) = Run("asm", asm, "-o", other);
            Assert.True(code == 0, stderr);
            Assert.Equal(ByteFluent.Pyc.PycFile.Load(source).Code, ByteFluent.Pyc.PycFile.Load(other).Code);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AMistakeIsOneLineWithItsLocationAndExitCode3()
    {
        var dir = Directory.CreateTempSubdirectory("bytefluent-asm-");
        try
        {
            var asm = Path.Combine(dir.FullName, "bad.pyasm");
            File.WriteAllText(asm, ".python 3.11\n.code m\n    LOAD_CONST 1\n    RETURN_VALU\n");
            var (code, stdout, stderr) = Run("asm", asm);
            Assert.Equal(3, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Equal($"{asm}:4:5: unknown opcode 'RETURN_VALU' for Python 3.11", stderr.Trim());
            Assert.False(File.Exists(Path.Combine(dir.FullName, "bad.pyc")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AsmHasHelpAndDisDocumentsTheFormatOption()
    {
        var (code, stdout, _) = Run("asm", "--help");
        Assert.Equal(0, code);
        Assert.Contains("usage: bytefluent asm FILE.pyasm [-o FILE.pyc]", stdout, StringComparison.Ordinal);
        (code, stdout, _) = Run("dis", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--format text|asm", stdout, StringComparison.Ordinal);
        (code, _, var stderr) = Run("dis", "--format", "xml", "x.pyc");
        Assert.Equal(2, code);
        Assert.Contains("unknown format 'xml'", stderr, StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
