using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Pyc;

/// <summary>.pyc headers of each era, the magic-number table and atomic writes.</summary>
public sealed class PycHeaderTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("bytefluent-pyc-");

    /// <summary>The versions, as theory rows.</summary>
    public static TheoryRows Versions => Interpreters.Versions;

    public void Dispose() => dir.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(Versions))]
    public void TheCorpusHeadersHaveTheEraLayoutAndTheReleaseMagicNumber(string version)
    {
        var v = PythonVersion.Parse(version);
        var path = Corpora.PycFiles(version)[0];
        var bytes = File.ReadAllBytes(path);
        var header = PycHeader.Read(bytes);
        Assert.Equal(v, header.Version);
        Assert.Equal(MagicNumbers.Of(v), header.Magic);
        Assert.Equal(MagicNumbers.BytesOf(v), bytes[..4]);
        Assert.Equal(v.Major == 2 ? 8 : v.Minor == 6 ? 12 : 16, header.Size);
        Assert.Equal(PycInvalidation.Timestamp, header.Invalidation);
        Assert.Equal(bytes[..header.Size], header.ToBytes());
    }

    [Theory]
    [InlineData("3.7")]
    [InlineData("3.12")]
    public void HashBasedPycFilesMadeByTheInterpreterAreReadAndRewrittenExactly(string version)
    {
        var source = Path.Combine(dir.FullName, "m.py");
        File.WriteAllText(source, "x = 1\ndef f():\n    return x\n");
        var script = """
            import sys, py_compile, importlib.util
            src = sys.argv[1]
            for mode, name in ((py_compile.PycInvalidationMode.CHECKED_HASH, 'checked'), (py_compile.PycInvalidationMode.UNCHECKED_HASH, 'unchecked')):
                py_compile.compile(src, cfile=src + '.' + name + '.pyc', invalidation_mode=mode, doraise=True)
            print(importlib.util.source_hash(open(src, 'rb').read()).hex())
            """;
        var hash = Interpreters.Get(version).Run(script, [source]).EnsureSuccess("py_compile").Trim();
        foreach (var (name, kind) in new[] { ("checked", PycInvalidation.CheckedHash), ("unchecked", PycInvalidation.UncheckedHash) })
        {
            var bytes = File.ReadAllBytes(source + "." + name + ".pyc");
            var pyc = PycFile.Read(bytes);
            Assert.Equal(kind, pyc.Header.Invalidation);
            Assert.Equal(hash, Convert.ToHexStringLower(pyc.Header.SourceHash.AsSpan()));
            Assert.Equal(bytes, pyc.ToBytes());
            var rebuilt = PycHeader.ForHash(PythonVersion.Parse(version), Convert.FromHexString(hash), kind == PycInvalidation.CheckedHash);
            Assert.Equal(bytes[..16], rebuilt.ToBytes());
        }
    }

    [Fact]
    public void TimestampHeadersOfEachEraAreBuiltAndReadBack()
    {
        // PyPy 3.8 writes CPython 3.8's magic number, so its header reads back as CPython 3.8's.
        foreach (var v in PythonVersion.Supported.Where(v => v != PythonVersion.PyPy3_8))
        {
            var header = PycHeader.ForTimestamp(v, 0x01020304, 0x0A0B0C0D);
            var bytes = header.ToBytes();
            Assert.Equal(PycHeader.SizeFor(v), bytes.Length);
            var back = PycHeader.Read(bytes);
            Assert.Equal(header, back);
            Assert.Equal(0x01020304u, back.Timestamp);
            Assert.Equal(PycHeader.SizeFor(v) == 8 ? 0u : 0x0A0B0C0Du, back.SourceSize);
        }

        Assert.Equal(8, PycHeader.SizeFor(PythonVersion.V3_2));
        Assert.Equal(12, PycHeader.SizeFor(PythonVersion.V3_3));
        Assert.Equal(PythonVersion.V3_8, PycHeader.Read(PycHeader.ForTimestamp(PythonVersion.PyPy3_8, 1, 2).ToBytes()).Version);

        // 1.0–1.2 follow the magic with 0x99 0x00; 3.7's first pre-releases had 12-byte headers.
        Assert.Equal([0x02, 0x99, 0x99, 0x00], PycHeader.ForTimestamp(PythonVersion.V1_0, 0, 0).ToBytes()[..4]);
        Assert.Equal(12, PycHeader.Read([0x3e, 0x0d, 0x0d, 0x0a, 1, 0, 0, 0, 2, 0, 0, 0]).Size);

        Assert.Throws<ArgumentException>(() => PycHeader.ForHash(PythonVersion.V3_6, new byte[8], true));
    }

    [Fact]
    public void UnknownOrUnsupportedMagicNumbersAndBadHeadersAreClearErrors()
    {
        var unknown = Assert.Throws<PycFormatException>(() => PycHeader.Read([0x39, 0x30, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Contains("unknown magic number 12345", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(0, unknown.Offset);

        Assert.Contains("the nearest known is 11913, 1.3", unknown.Message, StringComparison.Ordinal);

        // 3374 was never used (3.6b1 went from 3373 to 3375).
        var gap = Assert.Throws<PycFormatException>(() => PycHeader.Read([0x2e, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Contains("unknown magic number 3374", gap.Message, StringComparison.Ordinal);
        Assert.Contains("nearest known is 3373", gap.Message, StringComparison.Ordinal);

        // Numbers that used to be unsupported are release lines now.
        Assert.Equal(PythonVersion.V3_5, PycHeader.Read([0x17, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]).Version);
        Assert.Equal(PythonVersion.PyPy2_7, PycHeader.Read([0x0a, 0xf3, 0x0d, 0x0a, 0, 0, 0, 0]).Version);

        var notPyc = Assert.Throws<PycFormatException>(() => PycHeader.Read("hello world!"u8));
        Assert.Equal(2, notPyc.Offset);

        var magic312 = MagicNumbers.BytesOf(PythonVersion.V3_12);
        var flags = Assert.Throws<PycFormatException>(() => PycHeader.Read([.. magic312, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Equal(4, flags.Offset);
        var shortHeader = Assert.Throws<PycFormatException>(() => PycHeader.Read([.. magic312, 0, 0, 0]));
        Assert.Equal(7, shortHeader.Offset);
    }

    [Fact]
    public void EveryMagicNumberOfTheTableMapsToItsVersionAndRangesFollowCPythonsScheme()
    {
        foreach (var v in PythonVersion.Supported.Where(v => v != PythonVersion.PyPy3_8))
        {
            Assert.True(MagicNumbers.TryGetVersion(MagicNumbers.Of(v), out var found));
            Assert.Equal(v, found);
        }

        // A magic number is a release line and an era: 3.8's first pre-releases predate co_posonlyargcount.
        var a3 = MagicNumbers.GetInfo(3401);
        Assert.Equal(PythonVersion.V3_8, a3.Version);
        Assert.False(a3.Format.CodeLayout.Has(ByteFluent.Marshal.CodeField.PosOnlyArgCount));
        Assert.True(MagicNumbers.GetInfo(3413).Format.CodeLayout.Has(ByteFluent.Marshal.CodeField.PosOnlyArgCount));
        Assert.Equal(2, MagicNumbers.GetInfo(60717).Format.CodeLayout.IntSize);
        Assert.Equal(4, MagicNumbers.GetInfo(62011).Format.CodeLayout.IntSize);
        Assert.Equal(0, MagicNumbers.GetInfo(62011).Format.MarshalVersion);
        Assert.Equal(1, MagicNumbers.GetInfo(62061).Format.MarshalVersion);
        Assert.Equal(PythonVersion.PyPy3_9, MagicNumbers.GetVersion(336));

        Assert.Equal(PythonVersion.V2_7, MagicNumbers.GetVersion(62171));
        Assert.Equal(PythonVersion.V3_6, MagicNumbers.GetVersion(3360));
        Assert.Equal(PythonVersion.V3_11, MagicNumbers.GetVersion(3450));
        Assert.Equal(PythonVersion.V3_14, MagicNumbers.GetVersion(3600));
        Assert.Equal(PythonVersion.V3_15, MagicNumbers.GetVersion(3699));
        Assert.False(MagicNumbers.TryGetVersion(3700, out _));
        Assert.False(MagicNumbers.TryGetVersion(3374, out _));
    }

    [Fact]
    public void SaveWritesAtomicallyAndLeavesNoTemporaryFiles()
    {
        var path = Path.Combine(dir.FullName, "m.pyc");
        var original = File.ReadAllBytes(Corpora.PycFiles("3.12")[0]);
        File.WriteAllBytes(path, [1, 2, 3]);
        PycFile.Read(original).Save(path);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(["m.pyc"], dir.GetFiles().Select(f => f.Name));

        // A failure (the target is a folder) leaves the folder as it was.
        var blocked = Directory.CreateDirectory(Path.Combine(dir.FullName, "blocked.pyc"));
        Assert.ThrowsAny<IOException>(() => PycFile.Read(original).Save(blocked.FullName));
        Assert.Equal(["m.pyc"], dir.GetFiles().Select(f => f.Name));
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllBytes(Path.Combine(dir.FullName, "missing", "x.pyc"), original));
        Assert.Equal(["m.pyc"], dir.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void ANewPycFileLoadsAndRunsInTheInterpreter()
    {
        // A module code object read from CPython's own .pyc, written into a new file with a fresh header and no layout.
        var code = PycFile.Load(Path.Combine(Interpreters.NativeStdlib("3.12"), "__pycache__", "keyword.cpython-312.pyc")).Code;
        var path = Path.Combine(dir.FullName, "kw.pyc");
        PycFile.Create(code, PythonVersion.V3_12).Save(path);
        var output = Interpreters.Get("3.12").Run("import sys, importlib.util\nspec = importlib.util.spec_from_file_location('kw', sys.argv[1])\n"
            + "m = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\nimport keyword\nprint(m.iskeyword('while'), m.kwlist == keyword.kwlist)", [path]);
        Assert.Equal("True True", output.EnsureSuccess("loading the written .pyc").Trim());
    }
}
