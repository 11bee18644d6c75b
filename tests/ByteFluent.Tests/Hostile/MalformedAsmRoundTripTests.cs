using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Hostile;

/// <summary>
/// Every file of the malformed corpus that `bytefluent dis` lists is also written by `dis --format asm` and read
/// by `asm`; for each one dis lists tolerantly (with warnings), the code that does not decode is a raw section
/// (unknown opcodes as &lt;N&gt;, raw arguments, tables in hexadecimal) and `asm` gives back the identical file: the
/// same co_code and fields of every code object, and the same bytes overall.
/// </summary>
public sealed class MalformedAsmRoundTripTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Hostile", "Malformed", "cases");

    public static TheoryData<string> Cases() => MalformedCorpusTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void What_dis_lists_round_trips_through_the_text_assembly(string name)
    {
        var path = Path.Combine(Folder, name);
        var limit = TimeSpan.FromSeconds(30);
        var (listed, _, warnings) = HostileCli.Run(limit, "dis", path);
        var tolerant = warnings.Contains(": warning: ", StringComparison.Ordinal);
        var (code, text, stderr) = HostileCli.Run(limit, "dis", path, "--format", "asm");
        Assert.Null(HostileCli.Violation(code, stderr));
        if (listed != 0)
        {
            Assert.Equal(3, code);
            return;
        }

        Assert.True(code == 0, $"dis lists {name} but --format asm refuses it: {stderr}");
        var dir = Directory.CreateTempSubdirectory("bf-malformed-asm");
        try
        {
            var asm = Path.Combine(dir.FullName, "x.pyasm");
            var output = Path.Combine(dir.FullName, "x.pyc");
            File.WriteAllText(asm, text);
            var (asmCode, _, asmErr) = HostileCli.Run(limit, "asm", asm, "-o", output);
            Assert.True(asmCode == 0, $"asm refuses what dis --format asm wrote for {name}: {asmErr}\n{text}");
            if (!tolerant)
            {
                // Code that decodes is written as instructions with real arguments, whose assembly recomputes the
                // line and exception tables: tables CPython would not write do not come back (see README).
                return;
            }

            var original = File.ReadAllBytes(path);
            var rebuilt = File.ReadAllBytes(output);
            if (PycFile.Read(original).Value is PyCode root)
            {
                var codes = root.SelfAndDescendants().ToList();
                var back = ((PyCode)PycFile.Read(rebuilt).Value).SelfAndDescendants().ToList();
                Assert.Equal(codes.Count, back.Count);
                foreach (var (a, b) in codes.Zip(back))
                {
                    Assert.Equal(Convert.ToHexString(a.Code.AsSpan()), Convert.ToHexString(b.Code.AsSpan()));
                    Assert.True(a.Equals(b), $"code object {a.Name.Value} read back differently");
                }
            }

            Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(rebuilt));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
