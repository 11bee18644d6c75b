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
        foreach (var v in PythonVersion.Supported)
        {
            var header = PycHeader.ForTimestamp(v, 0x01020304, 0x0A0B0C0D);
            var bytes = header.ToBytes();
            Assert.Equal(PycHeader.SizeFor(v), bytes.Length);
            var back = PycHeader.Read(bytes);
            Assert.Equal(header, back);
            Assert.Equal(0x01020304u, back.Timestamp);
            Assert.Equal(v.Major == 2 ? 0u : 0x0A0B0C0Du, back.SourceSize);
        }

        Assert.Throws<ArgumentException>(() => PycHeader.ForHash(PythonVersion.V3_6, new byte[8], true));
    }

    [Fact]
    public void UnknownOrUnsupportedMagicNumbersAndBadHeadersAreClearErrors()
    {
        var unknown = Assert.Throws<PycFormatException>(() => PycHeader.Read([0x39, 0x30, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Contains("unknown magic number 12345", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(0, unknown.Offset);

        var old = Assert.Throws<PycFormatException>(() => PycHeader.Read([0x17, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Contains("3351", old.Message, StringComparison.Ordinal);
        Assert.Contains("3.0–3.5", old.Message, StringComparison.Ordinal);

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
        foreach (var v in PythonVersion.Supported)
        {
            Assert.True(MagicNumbers.TryGetVersion(MagicNumbers.Of(v), out var found));
            Assert.Equal(v, found);
        }

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
