using System.Numerics;
using ByteFluent.Marshal;
using ByteFluent.Versions;
using CsCheck;

namespace ByteFluent.Tests.Properties;

/// <summary>
/// Random values of the marshal value model that one version's marshal can carry: singletons, ints of every size
/// (2.x: int or long), floats and complex numbers (finite, infinite and NaN), strings in each form the version
/// writes, bytes (3.x), tuples, lists, sets, frozensets, dicts, slices (3.14+) and frozendicts (3.15+), nested a
/// few levels, with some subvalues shared (as marshal references make them).
/// </summary>
internal sealed class MarshalValueGen(PythonVersion version)
{
    private readonly MarshalFormat format = MarshalFormat.For(version);

    public Gen<PyObject> Value(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (6, Leaf),
            (2, Gen.Int[0, 4].SelectMany(n => Value(depth - 1).Array[n]).Select(items => (PyObject)new PyTuple(items))),
            (1, Value(depth - 1).Array[0, 3].Select(items => (PyObject)new PyList(items))),
            (1, Value(depth - 1).Array[0, 3].Select(items => (PyObject)new PySet(items))),
            (1, Value(depth - 1).Array[0, 3].Select(items => (PyObject)new PyFrozenSet(items))),
            (1, Gen.Select(Value(depth - 1), Value(depth - 1)).Array[0, 3]
                .Select(entries => Dict(entries))),
            (1, Value(depth - 1).Select(v => (PyObject)new PyTuple(v, v, new PyList(v)))),
            (format.HasSlice ? 1 : 0, Gen.Select(Value(depth - 1), Value(depth - 1), Value(depth - 1)).Select(t => (PyObject)new PySlice(t.Item1, t.Item2, t.Item3))));

    private PyObject Dict((PyObject, PyObject)[] entries) => format.HasFrozenDict && entries.Length % 2 == 1
        ? new PyFrozenDict(entries)
        : new PyDict(entries);

    private Gen<PyObject> Leaf => Gen.Frequency(
        (1, Gen.OneOf<PyObject>(PyNone.Instance, PyEllipsis.Instance, PyStopIteration.Instance, PyBool.True, PyBool.False)),
        (4, Int),
        (2, Float),
        (1, Gen.Select(Double, Double).Select(t => (PyObject)new PyComplex(t.Item1, t.Item2))),
        (4, String),
        (format.IsPython2 ? 0 : 2, Gen.Byte.Array[0, 40].Select(b => (PyObject)new PyBytes([.. b]))));

    private Gen<PyObject> Int => Gen.Frequency(
            (4, Gen.Int[-10, 300].Select(i => new BigInteger(i))),
            (2, Gen.Int.Select(i => new BigInteger(i))),
            (2, Gen.Long.Select(i => new BigInteger(i))),
            (1, Gen.Byte.Array[1, 40].Select(b => new BigInteger(b))))
        .SelectMany(v => Gen.Bool.Select(longForm => (PyObject)new PyInt(v)
        {
            // Python 2 keeps int and long apart; an int that does not fit 64 bits is a long.
            IsPython2Long = format.IsPython2 && (longForm || v < long.MinValue || v > long.MaxValue),
        }));

    // Every finite double, the infinities and the one NaN Python writes (a NaN's other payloads are not carried by
    // the text floats of marshal versions 0 and 1).
    private static Gen<double> Double => Gen.Frequency(
        (6, Gen.Double),
        (2, Gen.Int[-1000, 1000].Select(i => i / 8.0)),
        (1, Gen.OneOf(double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0)))
        .Select(d => double.IsNaN(d) ? double.NaN : d);

    private static Gen<PyObject> Float => Double.Select(d => (PyObject)new PyFloat(d));

    private Gen<PyObject> String => Gen.Frequency(
            (3, Gen.Char['a', 'z'].Array[0, 12].Select(c => new string(c))),
            (1, Gen.Char['a', 'z'].Array[200, 300].Select(c => new string(c))),
            (2, Gen.Int[0, 0x7ff].Array[0, 6].Select(p => string.Concat(p.Select(char.ConvertFromUtf32)))),
            (1, Gen.Int[0x10000, 0x10ffff].Array[0, 3].Select(p => string.Concat(p.Select(char.ConvertFromUtf32)))))
        .Select(Fit)
        .SelectMany(text => Gen.OneOf(Forms(text)).Select(form => (PyObject)new PyString(text, form)));

    // Before 1.6 a string is a byte string: Latin-1 characters only.
    private string Fit(string text) => format.IsPython2 && version < PythonVersion.V1_6 && !version.IsPyPy
        ? new string([.. text.Where(c => !char.IsSurrogate(c)).Select(c => (char)(c & 0xff))])
        : text;

    private PyStringForm[] Forms(string text)
    {
        var ascii = text.All(char.IsAscii);
        var latin1 = text.All(c => c <= 0xff);
        if (format.IsPython2)
        {
            // 'u' from 1.6; interned 't' from marshal version 1 (2.4); byte strings hold Latin-1 only.
            var forms = new List<PyStringForm>();
            if (latin1)
            {
                forms.Add(PyStringForm.Py2Str);
                if (format.InternsStrings)
                {
                    forms.Add(PyStringForm.Py2Interned);
                }
            }

            if (version >= PythonVersion.V1_6 || version.IsPyPy)
            {
                forms.Add(PyStringForm.Unicode);
            }

            return forms.Count > 0 ? [.. forms] : [PyStringForm.Py2Str];
        }

        if (!format.HasCompactForms)
        {
            return [PyStringForm.Unicode, PyStringForm.Interned];
        }

        return ascii
            ? text.Length < 256
                ? [PyStringForm.Unicode, PyStringForm.Interned, PyStringForm.Ascii, PyStringForm.AsciiInterned, PyStringForm.ShortAscii, PyStringForm.ShortAsciiInterned]
                : [PyStringForm.Unicode, PyStringForm.Interned, PyStringForm.Ascii, PyStringForm.AsciiInterned]
            : [PyStringForm.Unicode, PyStringForm.Interned];
    }
}
