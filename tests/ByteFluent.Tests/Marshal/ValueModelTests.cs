using System.Collections.Immutable;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Marshal;

/// <summary>Value equality, string forms, and the layout followed by value rather than identity.</summary>
public sealed class ValueModelTests
{
    [Fact]
    public void StringsCompareByCodePointsNotByForm()
    {
        Assert.Equal(new PyString("abc", PyStringForm.ShortAsciiInterned), new PyString("abc", PyStringForm.Unicode));
        Assert.False(new PyString("abc", PyStringForm.ShortAsciiInterned).StrictlyEquals(new PyString("abc", PyStringForm.Unicode)));
        Assert.NotEqual(new PyString("abc", PyStringForm.Py2Str), new PyString("abc", PyStringForm.Unicode));
        Assert.Equal(new PyString("abc", PyStringForm.Py2Str), new PyString("abc", PyStringForm.Py2Interned));

        // A supplementary character differs from the two surrogates that would encode it in UTF-16.
        var pair = PyString.FromCodePoints([0xD83D, 0xDE00]);
        var emoji = new PyString("\U0001F600");
        Assert.NotEqual(emoji, pair);
        Assert.Equal(1, emoji.Length);
        Assert.Equal(2, pair.Length);
        Assert.Throws<ArgumentException>(() => new PyString("\u20ac", PyStringForm.Ascii));
    }

    [Fact]
    public void ValuesCompareStructurallyAndFloatsBitwise()
    {
        Assert.Equal(new PyFloat(double.NaN), new PyFloat(double.NaN));
        Assert.NotEqual(new PyFloat(0.0), new PyFloat(-0.0));
        Assert.Equal(new PyTuple(new PyInt(1), new PyString("a")), new PyTuple(new PyInt(1), new PyString("a", PyStringForm.ShortAsciiInterned)));
        Assert.NotEqual<PyObject>(new PyTuple(new PyInt(1)), new PyList(new PyInt(1)));
        Assert.NotEqual<PyObject>(new PyInt(1), PyBool.True);
        Assert.Equal(new PyDict((new PyInt(1), new PyInt(2))), new PyDict((new PyInt(1), new PyInt(2))));
        Assert.True(PyEquality.SetEquals(new PySet(new PyInt(1), new PyInt(2)).Items, new PySet(new PyInt(2), new PyInt(1)).Items));
        var code = CSharpValues.Code(PythonVersion.V3_12);
        Assert.Equal(code, code with { Consts = [.. code.Consts] });
        Assert.NotEqual(code, code with { FirstLineNo = 8 });
        Assert.Equal(new PyTuple(new PyInt(1)).GetHashCode(), new PyTuple(new PyInt(1)).GetHashCode());
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.6")]
    [InlineData("3.10")]
    [InlineData("3.12")]
    [InlineData("3.14")]
    public void AnEqualValueBuiltAfreshIsWrittenWithTheOriginalLayoutByteForByte(string version)
    {
        foreach (var path in Corpora.PycFiles(version).Where((_, i) => i % 97 == 0).Take(8))
        {
            var bytes = File.ReadAllBytes(path);
            var pyc = PycFile.Read(bytes);
            var copy = Clone(pyc.Value);
            Assert.NotSame(copy, pyc.Value);
            Assert.True(PyEquality.Strict(copy, pyc.Value));
            Assert.Equal(bytes, (pyc with { Value = copy }).ToBytes());
        }
    }

    [Fact]
    public void AnEditedCodeObjectIsWrittenWithTheLayoutWhereItStillFitsAndReadsBackAsEdited()
    {
        var path = Path.Combine(Interpreters.NativeStdlib("3.12"), "__pycache__", "keyword.cpython-312.pyc");
        var bytes = File.ReadAllBytes(path);
        var pyc = PycFile.Read(bytes);
        var code = pyc.Code;
        var index = code.Consts.IndexOf(code.Consts.First(c => c is PyString));
        var edited = code with { Consts = code.Consts.SetItem(index, new PyString("changed docstring")) };
        var written = (pyc with { Value = edited }).ToBytes();
        var back = PycFile.Read(written);
        Assert.Equal(edited, back.Value);

        // Everything before the edited constant is unchanged.
        var prefix = bytes.AsSpan().CommonPrefixLength(written);
        Assert.True(prefix > 40, $"only {prefix} bytes in common");
    }

    [Fact]
    public void ReprMatchesPythonsForFloatsStringsAndContainers()
    {
        var random = new Random(7);
        var doubles = new List<double> { 0.0, -0.0, 1.0, 0.1, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 5e-324, double.MaxValue, -2.5, 1.5e300, 3.14159 };
        for (var i = 0; i < 200; i++)
        {
            doubles.Add(BitConverter.Int64BitsToDouble(random.NextInt64()));
        }

        doubles.RemoveAll(d => double.IsNaN(d) || double.IsInfinity(d));
        var values = doubles.Select(d => (PyObject)new PyFloat(d)).ToList();
        values.Add(new PyString("it's \"quoted\"\n\t\u00e9\u20ac\U0001F600"));
        values.Add(PyString.FromCodePoints([0xD800, 0x41, 0x7F]));
        values.Add(new PyBytes([0, 0x27, 0x41, 0x5C, 0xFF]));
        values.Add(new PyTuple(new PyInt(-5), new PyTuple(new PyInt(1)), new PyList(), PyNone.Instance, new PyComplex(1.5, -2)));
        values.Add(new PyComplex(0, 3));
        var hex = string.Join(",", values.Select(v => Convert.ToHexString(MarshalWriter.Dumps(v, PythonVersion.V3_12))));
        var python = Interpreters.Get("3.12").Run("import sys, marshal\nfor h in sys.argv[1].split(','):\n    print(repr(marshal.loads(bytes.fromhex(h))))", [hex])
            .EnsureSuccess("repr").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(values.Select(v => v.ToString()), python);
    }

    private static PyObject Clone(PyObject v) => v switch
    {
        PyInt i => new PyInt(i.Value),
        PyFloat f => new PyFloat(f.Value),
        PyComplex c => new PyComplex(c.Real, c.Imag),
        PyBytes b => new PyBytes([.. b.Value]),
        PyString s => PyString.FromUtf8(s.Utf8, s.Form),
        PyTuple t => new PyTuple(t.Items.Select(Clone)),
        PyList l => new PyList(l.Items.Select(Clone)),
        PySet s => new PySet(s.Items.Select(Clone)),
        PyFrozenSet s => new PyFrozenSet(s.Items.Select(Clone)),
        PyDict d => new PyDict(d.Entries.Select(e => (Clone(e.Key), Clone(e.Value)))),
        PySlice s => new PySlice(Clone(s.Start), Clone(s.Stop), Clone(s.Step)),
        PyCode c => c with
        {
            Code = [.. c.Code],
            Consts = [.. c.Consts.Select(Clone)],
            Names = [.. c.Names.Select(n => (PyString)Clone(n))],
            VarNames = [.. c.VarNames.Select(n => (PyString)Clone(n))],
            LocalsPlusNames = [.. c.LocalsPlusNames.Select(n => (PyString)Clone(n))],
            Filename = (PyString)Clone(c.Filename),
            Name = (PyString)Clone(c.Name),
            QualName = c.QualName is null ? null : (PyString)Clone(c.QualName),
            LineTable = [.. c.LineTable],
        },
        _ => v,
    };
}
