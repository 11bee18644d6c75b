using System.Collections.Immutable;
using System.Numerics;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Marshal;

/// <summary>Values built in C# (not copied from marshal data) for the cross-interpreter tests.</summary>
internal static class CSharpValues
{
    public static IReadOnlyList<PyObject> For(PythonVersion version)
    {
        var list = new List<PyObject>
        {
            PyNone.Instance, PyBool.True, PyBool.False, PyEllipsis.Instance, PyStopIteration.Instance,
        };

        // Ints of every size and encoding: 'i', 2.7's 'I', and 'l' with one to many 15-bit digits.
        BigInteger[] ints =
        [
            0, 1, -1, 255, 256, -5, -6, int.MaxValue, int.MinValue, (BigInteger)int.MaxValue + 1, (BigInteger)int.MinValue - 1,
            long.MaxValue, long.MinValue, (BigInteger)long.MaxValue + 1, BigInteger.Pow(2, 64), 1 << 15, 1 << 30, BigInteger.Pow(2, 45),
            BigInteger.Pow(10, 30), -BigInteger.Pow(10, 30), BigInteger.Pow(2, 1000), -BigInteger.Pow(3, 500), BigInteger.Pow(2, 15) - 1,
        ];
        list.AddRange(ints.Select(i => new PyInt(i)));

        double[] floats = [0.0, -0.0, 1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, double.Epsilon, 0.1, -2.5e-10];
        list.AddRange(floats.Select(f => new PyFloat(f)));
        list.Add(new PyComplex(1, 2));
        list.Add(new PyComplex(-0.0, double.NaN));
        list.Add(new PyComplex(double.PositiveInfinity, -1));

        // Every string form, including lone surrogates and a surrogate pair given as two code points.
        list.Add(new PyString(string.Empty));
        list.Add(new PyString("a"));
        list.Add(new PyString("hello world"));
        list.Add(new PyString("hello", PyStringForm.Ascii));
        list.Add(new PyString("name", PyStringForm.AsciiInterned));
        list.Add(new PyString("short", PyStringForm.ShortAscii));
        list.Add(new PyString("ident", PyStringForm.ShortAsciiInterned));
        list.Add(new PyString(new string('x', 300)));
        list.Add(new PyString(new string('y', 300), PyStringForm.AsciiInterned));
        list.Add(new PyString("caf\u00e9", PyStringForm.Ascii));
        list.Add(new PyString("\u20ac \U0001F600 na\u00efve", PyStringForm.Unicode));
        list.Add(new PyString("na\u00efve\u4e2d", PyStringForm.Interned));
        list.Add(new PyString("auto \u00e9\u4e2d"));
        list.Add(PyString.FromCodePoints([0xD800]));
        list.Add(PyString.FromCodePoints([0xD800, 0xDC00]));
        list.Add(PyString.FromCodePoints([0x1F600, 0xDFFF, 0x41]));
        if (version.Major == 2)
        {
            list.Add(new PyString("byte str \u00ff\u0000", PyStringForm.Py2Str));
            list.Add(new PyString("interned_str", PyStringForm.Py2Interned));
        }

        list.Add(PyBytes.Empty);
        list.Add(new PyBytes([0, 1, 0x7F, 0x80, 0xFF]));

        // Containers, nested, with shared parts (written as references from marshal version 3).
        var shared = new PyTuple(new PyInt(1), new PyString("shared"), new PyFloat(2.5));
        list.Add(new PyTuple());
        list.Add(new PyTuple(new PyInt(1)));
        list.Add(new PyTuple(Enumerable.Range(0, 300).Select(i => (PyObject)new PyInt(i))));
        list.Add(new PyList(shared, shared, new PyList(new PyList(shared)), new PyTuple(shared)));
        list.Add(new PyDict((new PyString("a"), new PyInt(1)), (new PyInt(2), new PyList(new PyInt(3))), (shared, shared)));
        list.Add(new PySet(new PyInt(1), new PyInt(2), new PyInt(3)));
        list.Add(new PySet());
        list.Add(new PyFrozenSet(new PyString("x"), new PyString("y")));
        list.Add(new PyFrozenSet());
        list.Add(new PyTuple(new PyFrozenSet(new PyInt(1)), new PyFrozenSet(new PyInt(1))));
        list.Add(Nest(1000));
        if (version >= PythonVersion.V3_14)
        {
            list.Add(new PySlice(new PyInt(1), PyNone.Instance, new PyInt(3)));
            list.Add(new PySlice(new PyString("a"), shared, shared));
        }

        if (version >= PythonVersion.V3_15)
        {
            list.Add(new PyFrozenDict((new PyInt(1), new PyInt(2)), (new PyString("k"), new PyTuple(new PyInt(3)))));
        }

        list.Add(Code(version));
        list.Add(new PyTuple(Code(version), Code(version)));
        return list;
    }

    private static PyObject Nest(int depth)
    {
        PyObject v = new PyInt(7);
        for (var i = 1; i < depth; i++)
        {
            v = new PyTuple(v);
        }

        return v;
    }

    /// <summary>A code object with a nested one, in the layout of <paramref name="version"/>.</summary>
    public static PyCode Code(PythonVersion version)
    {
        var modern = version >= PythonVersion.V3_11;

        // Loading does not check the bytecode; from 3.11 CPython zeroes inline caches when exposing co_code, so use zeros there.
        ImmutableArray<byte> bytecode = modern ? [0, 0, 0, 0] : [100, 0, 83, 0];
        var inner = Build(version, "inner", "outer.<locals>.inner", bytecode, [PyNone.Instance], freeVar: true);
        return Build(version, "outer", "outer", bytecode, [new PyString("doc string"), new PyInt(42), inner, PyNone.Instance, new PyFloat(0.5)], freeVar: false);
    }

    private static PyCode Build(PythonVersion version, string name, string qualname, ImmutableArray<byte> bytecode, PyObject[] consts, bool freeVar)
    {
        var modern = version >= PythonVersion.V3_11;
        var code = new PyCode
        {
            ArgCount = 1,
            PosOnlyArgCount = version >= PythonVersion.V3_8 ? 1 : 0,
            KwOnlyArgCount = version.Major == 3 ? 1 : 0,
            StackSize = 3,
            Flags = 3 | (freeVar ? 0x10 : 0),
            Code = bytecode,
            Consts = [.. consts],
            Names = [new PyString("print"), new PyString("len")],
            Filename = new PyString("/src/m\u00f6d.py"),
            Name = new PyString(name),
            FirstLineNo = 7,
            LineTable = [2, 1, 4, 1],
        };
        if (!modern)
        {
            var args = version.Major == 3 ? new PyString[] { "a", "k" } : ["a", "k"];
            return code with
            {
                ArgCount = version.Major == 2 ? 2 : 1,
                NLocals = 3,
                VarNames = [.. args, new PyString("x")],
                CellVars = freeVar ? [] : [new PyString("cell")],
                FreeVars = freeVar ? [new PyString("cell")] : [],
            };
        }

        return code with
        {
            LocalsPlusNames = freeVar ? ["a", "k", "x", "cell"] : ["a", "k", "x", "cell"],
            LocalsPlusKinds = freeVar ? [0x20, 0x20, 0x20, 0x80] : [0x20, 0x20, 0x20, 0x40],
            QualName = new PyString(qualname),
            ExceptionTable = [],
        };
    }
}
