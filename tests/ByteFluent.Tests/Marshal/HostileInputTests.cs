using System.Text;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Marshal;

/// <summary>
/// Malformed marshal and .pyc data gives <see cref="PycFormatException"/> with an offset and what was
/// expected — never another exception, a stack overflow, a hang, or an allocation sized by the input —
/// and the same data is rejected by the real interpreter too.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly PythonVersion V312 = PythonVersion.V3_12;
    private static readonly PythonVersion V27 = PythonVersion.V2_7;

    /// <summary>Malformed marshal data: (case, version, bytes as hex, offset the problem is reported at).</summary>
    public static TheoryData<string, string, string, int> Cases => new()
    {
        // Truncation.
        { "empty input", "3.12", "", 0 },
        { "int cut short", "3.12", "e90100", 1 },
        { "string body cut short", "3.12", "7305000000616263", 5 },
        { "tuple element missing", "3.12", "2902e901000000", 7 },
        { "dict without terminator", "3.12", "7b4e4e", 3 },
        { "code object cut in its fields", "3.12", "e30000000000000000", 9 },
        { "2.7 code object cut", "2.7", "630000000000000000", 9 },

        // Unknown type codes (for that version).
        { "type '?'", "3.12", "3f", 0 },
        { "type 'Q'", "3.12", "51", 0 },
        { "type 0xff", "3.12", "ff", 0 },
        { "2.7 string ref 'R' in 3.x", "3.12", "5200000000", 0 },
        { "slice before 3.14", "3.12", "3a4e4e4e", 0 },
        { "frozendict before 3.15", "3.12", "7d30", 0 },
        { "ascii form in 2.7", "2.7", "7a0161", 0 },
        { "FLAG_REF in 2.7", "2.7", "ce", 0 },
        { "object ref 'r' in 2.7", "2.7", "7200000000", 0 },
        { "NULL at top level", "3.12", "30", 0 },
        { "NULL in a tuple", "3.12", "290130", 2 },

        // Bad references.
        { "reference with no objects", "3.12", "7200000000", 0 },
        { "reference past the table", "3.12", "2902e9010000007205000000", 7 },
        { "negative reference", "3.12", "29027a0161ffffffff72", 5 },
        { "reference to an unflagged object", "3.12", "290269010000007200000000", 7 },
        { "frozenset containing itself", "3.12", "be010000007200000000", 5 },
        { "code object referencing itself", "3.12", "e3000000000000000000000000000000000000000072000000000000", 21 },
        { "2.7 string ref out of range", "2.7", "28020000007401000000615201000000", 11 },

        // Lengths larger than the input (and negative ones).
        { "bytes of 2 GiB", "3.12", "73ffffff7f", 5 },
        { "str of 2 GiB", "3.12", "75ffffff7f41", 5 },
        { "ascii of 2 GiB", "3.12", "61ffffff7f", 5 },
        { "short ascii longer than input", "3.12", "7aff41", 2 },
        { "tuple of 2 G elements", "3.12", "28ffffff7f4e", 5 },
        { "list of 2 G elements", "3.12", "5bffffff7f4e", 5 },
        { "set of 2 G elements", "3.12", "3cffffff7f", 5 },
        { "small tuple longer than input", "3.12", "29ff4e", 2 },
        { "long of 2 G digits", "3.12", "6cffffff7f0100", 5 },
        { "long of -2 G digits", "3.12", "6c00000080", 1 },
        { "negative bytes length", "3.12", "73ffffffff", 1 },
        { "2.7 string of 2 GiB", "2.7", "73ffffff7f", 5 },
        { "2.7 unicode of 2 GiB", "2.7", "75ffffff7f", 5 },

        // Invalid long digits.
        { "long digit out of range", "3.12", "6c010000000080", 5 },
        { "unnormalized long", "3.12", "6c0200000001000000", 7 },
        { "negative zero long", "3.12", "6cffffffff0000", 5 },

        // Invalid UTF-8 where CPython rejects it (it accepts lone surrogates: 'surrogatepass').
        { "invalid continuation", "3.12", "7502000000c328", 5 },
        { "overlong NUL", "3.12", "7502000000c080", 5 },
        { "overlong 3-byte", "3.12", "7503000000e08080", 5 },
        { "above U+10FFFF", "3.12", "7504000000f4908080", 5 },
        { "truncated sequence", "3.12", "7502000000e282", 5 },
        { "stray continuation byte", "3.12", "740100000080", 5 },
        { "invalid start byte", "3.12", "7501000000ff", 5 },
        { "2.7 unicode invalid", "2.7", "7502000000c328", 5 },

        // Text floats.
        { "float text not a number", "3.12", "6603616263", 2 },
        { "float text with a space", "3.12", "660420312e35", 2 },
        { "float text cut short", "3.12", "6605312e", 2 },

        // Code object fields of the wrong type.
        { "co_code not bytes", "3.8", "e3" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "4e", 25 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedMarshalDataGivesPycFormatExceptionAtTheRightOffset(string name, string version, string hex, int offset)
    {
        var e = Assert.Throws<PycFormatException>(() => MarshalReader.Read(Convert.FromHexString(hex), MarshalFormat.For(PythonVersion.Parse(version))));
        Assert.True(e.Offset == offset, $"{name}: reported at offset {e.Offset}, expected {offset}: {e.Message}");
        Assert.False(string.IsNullOrWhiteSpace(e.Expected));
        Assert.Contains("offset " + offset, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.8")]
    [InlineData("3.12")]
    public void TheRealInterpreterRejectsTheSameData(string version)
    {
        // Differences from CPython are documented in MarshalReader: cycles through FLAG_REF (which CPython accepts for
        // tuples/lists/dicts/sets, and rejects for frozensets and code objects) are the only accepted-by-CPython cases here.
        // Cases whose length claims gigabytes are left out: CPython allocates what they claim before noticing.
        var cases = Cases.Select(row => ((string)row[0], (string)row[1], (string)row[2]))
            .Where(c => c.Item2 == version && !c.Item1.Contains("2 G", StringComparison.Ordinal)).ToList();
        var script = new StringBuilder("import marshal, binascii\nfor name, h in [\n");
        foreach (var (name, _, hex) in cases)
        {
            script.Append("    (").Append(Quote(name)).Append(", ").Append(Quote(hex)).Append("),\n");
        }

        script.Append("]:\n    try:\n        marshal.loads(binascii.unhexlify(h))\n        print('ACCEPTED ' + name + ' ' + repr(marshal.loads(binascii.unhexlify(h)))[:80])\n"
            + "    except Exception as e:\n        print('rejected ' + name)\n");
        var output = Interpreters.Get(version).Run(script.ToString()).EnsureSuccess($"hostile cases in Python {version}");
        Assert.Equal(cases.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("ACCEPTED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingUpToCPythonsLimitIsReadAndDeeperIsRejectedWithoutStackOverflow()
    {
        var format = MarshalFormat.For(V312);
        static byte[] Lists(int depth) => [.. Enumerable.Repeat<byte[]>([0x5b, 1, 0, 0, 0], depth - 1).SelectMany(b => b), (byte)'N'];

        // CPython counts the innermost object too: 2000 objects nested is the most it reads.
        Assert.IsType<PyList>(MarshalReader.Read(Lists(2000), format).Value);
        var e = Assert.Throws<PycFormatException>(() => MarshalReader.Read(Lists(2001), format));
        Assert.Equal(2000 * 5, e.Offset);
        Assert.Contains("recursion", e.Message, StringComparison.Ordinal);

        // Far deeper input is refused at the same depth, long before the stack is in danger.
        Assert.Throws<PycFormatException>(() => MarshalReader.Read(Lists(1_000_000), format));

        // Nested code objects count as well.
        var deepCode = Enumerable.Repeat<byte[]>([0x28, 1, 0, 0, 0], 3000).SelectMany(b => b).Append((byte)'N').ToArray();
        Assert.Throws<PycFormatException>(() => MarshalReader.Read(deepCode, format));

        // The writer refuses what CPython would refuse to write.
        PyObject deep = PyNone.Instance;
        for (var i = 0; i < 2000; i++)
        {
            deep = new PyTuple(deep);
        }

        Assert.Throws<MarshalWriteException>(() => MarshalWriter.Dumps(deep, V312));
    }

    [Fact]
    public void HugeLengthsAreRejectedWithoutAllocatingForThem()
    {
        var format = MarshalFormat.For(V312);
        string[] hostile = ["73ffffff7f", "28ffffff7f4e", "5bffffff7f4e", "3cffffff7f", "6cffffff7f0100", "75ffffff7f41", "3effffff7f"];
        foreach (var hex in hostile)
        {
            var data = Convert.FromHexString(hex);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<PycFormatException>(() => MarshalReader.Read(data, format));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64 * 1024, $"{hex}: {allocated} bytes allocated");
        }
    }

    [Fact]
    public void LoneSurrogatesAreAcceptedLikeCPythonsSurrogatepass()
    {
        var s = Assert.IsType<PyString>(MarshalReader.Read(Convert.FromHexString("7503000000eda080"), MarshalFormat.For(V312)).Value);
        Assert.Equal([0xD800], s.CodePoints());
        var pair = Assert.IsType<PyString>(MarshalReader.Read(Convert.FromHexString("7506000000eda080edb080"), MarshalFormat.For(V312)).Value);
        Assert.Equal([0xD800, 0xDC00], pair.CodePoints());
        Assert.NotEqual(PyString.FromCodePoints([0x10000]), pair);
    }

    [Fact]
    public void EveryTruncationOfRealPycFilesGivesPycFormatException()
    {
        foreach (var version in new[] { "2.7", "3.6", "3.12" })
        {
            var path = Corpora.PycFiles(version).Where(f => new FileInfo(f).Length is > 600 and < 3000).First();
            var bytes = File.ReadAllBytes(path);
            for (var n = 0; n < bytes.Length; n++)
            {
                var e = Assert.Throws<PycFormatException>(() => PycFile.Read(bytes.AsSpan(0, n)));
                Assert.InRange(e.Offset, 0, n);
            }

            Assert.Equal(bytes, PycFile.Read(bytes).ToBytes());
        }
    }

    [Fact]
    public void RandomlyCorruptedPycFilesGiveOnlyPycFormatException()
    {
        var random = new Random(20261125);
        var files = new[] { "2.7", "3.7", "3.10", "3.12", "3.13" }
            .Select(v => Corpora.PycFiles(v).Where(f => new FileInfo(f).Length is > 1000 and < 20000).Take(3))
            .SelectMany(f => f).Select(File.ReadAllBytes).ToArray();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 6000; i++)
        {
            var data = (byte[])files[i % files.Length].Clone();
            var edits = 1 + random.Next(4);
            for (var k = 0; k < edits; k++)
            {
                var at = 4 + random.Next(data.Length - 4);
                data[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0xFF,
                    _ => (byte)(data[at] ^ (1 << random.Next(8))),
                };
            }

            string outcome;
            try
            {
                _ = PycFile.Read(data).ToBytes();
                outcome = "read";
            }
            catch (PycFormatException)
            {
                outcome = "PycFormatException";
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(outcomes.GetValueOrDefault("PycFormatException") > 1000, string.Join(", ", outcomes));
    }

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
