using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Marshal;

/// <summary>The canonical text form of a value that <c>marshal_oracle.py</c> computes inside each interpreter.</summary>
internal static class MarshalCanon
{
    public static string Of(PyObject value, PythonVersion version) => value switch
    {
        PyNone => "None",
        PyEllipsis => "Ellipsis",
        PyStopIteration => "StopIteration",
        PyBool b => b.Value ? "True" : "False",
        PyInt i => "int:" + i.Value.ToString(CultureInfo.InvariantCulture),
        PyFloat f => "float:" + Hex(f.Value),
        PyComplex c => "complex:" + Hex(c.Real) + ":" + Hex(c.Imag),
        PyBytes b => (version.Major == 2 ? "bytes2:" : "bytes:") + Convert.ToHexStringLower(b.Value.AsSpan()),
        PyString s when s.IsPy2ByteString => "bytes2:" + Convert.ToHexStringLower(s.ToLatin1()),
        PyString s => "str:" + string.Join('.', s.CodePoints().Select(cp => cp.ToString("x", CultureInfo.InvariantCulture))),
        PyTuple t => "(" + string.Join(',', t.Items.Select(x => Of(x, version))) + ")",
        PyList l => "[" + string.Join(',', l.Items.Select(x => Of(x, version))) + "]",
        PyDict d => "{" + Sorted(d.Entries.Select(e => Of(e.Key, version) + ":" + Of(e.Value, version))) + "}",
        PySet s => "set{" + Sorted(s.Items.Select(x => Of(x, version))) + "}",
        PyFrozenSet s => "frozenset{" + Sorted(s.Items.Select(x => Of(x, version))) + "}",
        PySlice s => "slice(" + Of(s.Start, version) + "," + Of(s.Stop, version) + "," + Of(s.Step, version) + ")",
        PyFrozenDict d => "frozendict{" + Sorted(d.Entries.Select(e => Of(e.Key, version) + ":" + Of(e.Value, version))) + "}",
        PyCode c => Code(c, version),
        _ => throw new ArgumentException(value.TypeName),
    };

    private static string Sorted(IEnumerable<string> parts) => string.Join(',', parts.Order(StringComparer.Ordinal));

    private static string Hex(double d)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, d);
        return Convert.ToHexStringLower(b);
    }

    private static string Names(IEnumerable<PyString> names, PythonVersion version) =>
        "(" + string.Join(',', names.Select(n => Identifier(n, version))) + ")";

    // 2.7 code objects hold byte strings; ByteFluent writes text identifiers there as (interned) byte strings.
    private static string Identifier(PyString s, PythonVersion version) =>
        version.Major == 2 && s.IsLatin1() ? "bytes2:" + Convert.ToHexStringLower(s.ToLatin1()) : Of(s, version);

    private static string Code(PyCode c, PythonVersion version)
    {
        var modern = version >= PythonVersion.V3_11;
        IEnumerable<PyString> Kind(int bit) => c.LocalsPlusNames.Where((_, i) => (c.LocalsPlusKinds[i] & bit) != 0);
        var f = new List<string> { $"argcount={c.ArgCount}" };
        if (version >= PythonVersion.V3_8)
        {
            f.Add($"posonly={c.PosOnlyArgCount}");
        }

        if (version.Major == 3)
        {
            f.Add($"kwonly={c.KwOnlyArgCount}");
        }

        f.Add($"nlocals={(modern ? Kind(0x20).Count() : c.NLocals)}");
        f.Add($"stacksize={c.StackSize}");
        f.Add($"flags={c.Flags}");
        f.Add("code=" + Convert.ToHexStringLower(c.Code.AsSpan()));
        f.Add("consts=(" + string.Join(',', c.Consts.Select(x => Of(x, version))) + ")");
        f.Add("names=" + Names(c.Names, version));
        f.Add("varnames=" + Names(modern ? Kind(0x20) : c.VarNames, version));
        f.Add("freevars=" + Names(modern ? Kind(0x80) : c.FreeVars, version));
        f.Add("cellvars=" + Names(modern ? Kind(0x40) : c.CellVars, version));
        f.Add("filename=" + Identifier(c.Filename, version));
        f.Add("name=" + Identifier(c.Name, version));
        if (modern)
        {
            f.Add("qualname=" + Of(c.QualName!, version));
        }

        f.Add($"firstlineno={c.FirstLineNo}");
        f.Add("linetable=" + Convert.ToHexStringLower(c.LineTable.AsSpan()));
        if (modern)
        {
            f.Add("exceptiontable=" + Convert.ToHexStringLower(c.ExceptionTable.AsSpan()));
        }

        var sb = new StringBuilder("code{");
        sb.AppendJoin(';', f);
        return sb.Append('}').ToString();
    }
}
