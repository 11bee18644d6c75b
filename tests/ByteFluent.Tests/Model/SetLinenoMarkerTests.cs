using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Model;

/// <summary>
/// CPython 1.0–2.2's <c>SET_LINENO</c> instructions are line markers of the model (<see cref="LineMarkerForm"/>): read
/// from every such file of the shared corpora, and written back as instructions that jumps count.
/// </summary>
public sealed class SetLinenoMarkerTests
{
    private static readonly OpcodeTable T22 = OpcodeTables.ForVersion(PythonVersion.V2_2);

    private static Code Module(PythonVersion version, CodeList list) => new(version)
    {
        Name = new PyString("?"),
        Filename = new PyString("<test>"),
        FirstLineNo = 1,
        Consts = [PyNone.Instance],
        CodeList = list,
    };

    [Fact]
    public void EverySetLinenoOfTheCorporaIsAMarkerAndComesBackAsTheSameBytes()
    {
        var files = SharedCorpora.PycFiles
            .Where(f => PycFile.Load(f).Header.Version is { IsPyPy: false } v && v.Language < PythonVersion.V2_3)
            .ToList();
        Assert.True(files.Count > 150, $"only {files.Count} 1.x-2.2 files");
        int objects = 0, setLinenos = 0, tableOnly = 0;
        foreach (var file in files)
        {
            var pyc = PycFile.Load(file);
            var version = pyc.Header.Version;
            var dialect = BytecodeDialect.For(version);
            foreach (var co in Walk((PyCode)pyc.Value))
            {
                objects++;
                var raws = dialect.Encoding.Decode(dialect.Table, co.Code.AsSpan());
                var inCode = raws.Count(r => r.Opcode.Name == "SET_LINENO");
                var model = Code.FromCode(co, version, nested: false);
                Assert.DoesNotContain(model.CodeList, i => i is Instr { Opcode.Name: "SET_LINENO" });
                var markers = model.CodeList.OfType<SetLineno>().ToList();
                Assert.Equal(inCode, markers.Count(m => m.Form != LineMarkerForm.TableOnly));
                setLinenos += inCode;
                tableOnly += markers.Count(m => m.Form == LineMarkerForm.TableOnly);
                var back = model.ToCode();
                Assert.True(co.Code.SequenceEqual(back.Code), $"{SharedCorpora.Relative(file)} {co.Name.Value}: co_code differs: {Convert.ToHexString(co.Code.AsSpan())} vs {Convert.ToHexString(back.Code.AsSpan())}");
                Assert.True(co.LineTable.SequenceEqual(back.LineTable), $"{SharedCorpora.Relative(file)} {co.Name.Value}: the line table differs");
            }
        }

        Assert.True(setLinenos > 1000, $"only {setLinenos} SET_LINENO instructions in {objects} code objects");
        Assert.True(tableOnly < setLinenos / 10, $"{tableOnly} table-only markers for {setLinenos} instructions: the table and the instructions should mostly agree");
    }

    [Fact]
    public void MarkersBecomeSetLinenoInstructionsThatJumpsCountAndLnotabEntries()
    {
        var end = new Label();
        var code = Module(PythonVersion.V2_2,
        [
            new SetLineno(1),
            new Instr(T22["LOAD_CONST"], PyNone.Instance),
            new Instr(T22["JUMP_FORWARD"], end),
            new SetLineno(2),
            new Instr(T22["LOAD_CONST"], PyNone.Instance),
            end,
            new SetLineno(3) { Form = LineMarkerForm.InstructionOnly },
            new Instr(T22["RETURN_VALUE"]),
        ]);
        var built = code.ToCode();
        byte[] expected = [127, 1, 0, 100, 0, 0, 110, 6, 0, 127, 2, 0, 100, 0, 0, 127, 3, 0, 83];
        Assert.Equal(expected, built.Code.ToArray());
        Assert.Equal(new byte[] { 9, 1 }, built.LineTable.ToArray());
        Assert.True(code.Equals(Code.FromCode(built, PythonVersion.V2_2)), "the markers read back with their forms");

        var tableOnly = Module(PythonVersion.V2_2, [new SetLineno(1), new Instr(T22["LOAD_CONST"], PyNone.Instance), new SetLineno(4) { Form = LineMarkerForm.TableOnly }, new Instr(T22["RETURN_VALUE"])]);
        var b = tableOnly.ToCode();
        Assert.Equal(new byte[] { 127, 1, 0, 100, 0, 0, 83 }, b.Code.ToArray());
        Assert.Equal(new byte[] { 6, 3 }, b.LineTable.ToArray());
        Assert.True(tableOnly.Equals(Code.FromCode(b, PythonVersion.V2_2)));
    }

    [Fact]
    public void FormsOutsideTheirEraAreAClearErrorOrALineTableEntry()
    {
        var t14 = OpcodeTables.ForVersion(PythonVersion.V1_4);
        var noTable = Module(PythonVersion.V1_4, [new SetLineno(2) { Form = LineMarkerForm.TableOnly }, new Instr(t14["LOAD_CONST"], PyNone.Instance), new Instr(t14["RETURN_VALUE"])]);
        var e = Assert.Throws<InvalidCodeException>(() => noTable.ToCode());
        Assert.Contains("no line table", e.Message, StringComparison.Ordinal);

        var t27 = OpcodeTables.ForVersion(PythonVersion.V2_7);
        var later = Module(PythonVersion.V2_7, [new Instr(t27["LOAD_CONST"], PyNone.Instance), new SetLineno(5) { Form = LineMarkerForm.InstructionOnly }, new Instr(t27["RETURN_VALUE"])]);
        var built = later.ToCode();
        Assert.Equal(new byte[] { 100, 0, 0, 83 }, built.Code.ToArray());
        Assert.Equal(new byte[] { 3, 4 }, built.LineTable.ToArray());
    }

    private static IEnumerable<PyCode> Walk(PyCode code)
    {
        yield return code;
        foreach (var inner in code.Consts.OfType<PyCode>().SelectMany(Walk))
        {
            yield return inner;
        }
    }
}
