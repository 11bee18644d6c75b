using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace ByteFluent.Marshal;

/// <summary>The recursive-descent decoder behind <see cref="MarshalReader"/>.</summary>
internal ref struct MarshalDecoder
{
    private readonly ReadOnlySpan<byte> data;
    private readonly MarshalFormat format;
    private readonly int maxDepth;
    private readonly long baseOffset;
    private readonly List<PyObject?> refs = [];
    private readonly List<MarshalLayout> refLayouts = [];
    private int pos;
    private int depth;

    public MarshalDecoder(ReadOnlySpan<byte> data, MarshalFormat format, MarshalReaderOptions options)
    {
        this.data = data;
        this.format = format;
        maxDepth = options.MaxDepth;
        baseOffset = options.BaseOffset;
    }

    public readonly int Position => pos;

    private readonly int Remaining => data.Length - pos;

    public PyObject ReadRoot(out MarshalLayout layout)
    {
        var start = pos;
        var value = ReadObject(out layout, allowNull: true);
        return value ?? throw Error(start, "an object", "NULL object at top level");
    }

    private PyObject? ReadObject(out MarshalLayout node, bool allowNull = false)
    {
        var start = pos;
        if (++depth > maxDepth)
        {
            throw Error(start, $"nesting at most {maxDepth} deep", "recursion limit exceeded");
        }

        var code = ReadByte("a type code");
        var flag = (code & MarshalType.FlagRef) != 0;
        var type = (byte)(code & 0x7F);
        if (flag && !format.UsesObjectRefs)
        {
            throw UnknownType(start, code);
        }

        PyObject? value;
        switch (type)
        {
            case MarshalType.Null:
                node = new MarshalLayout(code, -1);
                if (!allowNull)
                {
                    throw Error(start, "an object", "NULL object where a value is required");
                }

                value = null;
                break;
            case MarshalType.None:
                node = new MarshalLayout(code, -1);
                value = PyNone.Instance;
                break;
            case MarshalType.True:
                node = new MarshalLayout(code, -1);
                value = PyBool.True;
                break;
            case MarshalType.False:
                node = new MarshalLayout(code, -1);
                value = PyBool.False;
                break;
            case MarshalType.Ellipsis:
                node = new MarshalLayout(code, -1);
                value = PyEllipsis.Instance;
                break;
            case MarshalType.StopIteration:
                node = new MarshalLayout(code, -1);
                value = PyStopIteration.Instance;
                break;
            case MarshalType.Int:
                value = Leaf(code, flag, new PyInt(ReadInt32("a 4-byte int")), out node);
                break;
            case MarshalType.Int64:
                value = Leaf(code, flag, new PyInt(ReadInt64()), out node);
                break;
            case MarshalType.Long:
                value = Leaf(code, flag, format.IsPython2 ? ReadLong() with { IsPython2Long = true } : ReadLong(), out node);
                break;
            case MarshalType.BinaryFloat:
                value = Leaf(code, flag, new PyFloat(ReadDouble()), out node);
                break;
            case MarshalType.BinaryComplex:
            {
                var re = ReadDouble();
                var im = ReadDouble();
                value = Leaf(code, flag, new PyComplex(re, im), out node);
                break;
            }

            case MarshalType.Float:
            {
                var f = ReadTextFloat(out var text);
                value = Leaf(code, flag, new PyFloat(f), out node);
                node.Text = text;
                break;
            }

            case MarshalType.Complex:
            {
                var re = ReadTextFloat(out var reText);
                var im = ReadTextFloat(out var imText);
                value = Leaf(code, flag, new PyComplex(re, im), out node);
                node.Text = reText;
                node.Text2 = imText;
                break;
            }

            case MarshalType.String:
            {
                var bytes = ReadBytes(ReadLength("a byte string length"));
                value = Leaf(code, flag, format.IsPython2 ? PyString.FromLatin1(bytes, PyStringForm.Py2Str) : PyBytes.Copy(bytes), out node);
                break;
            }

            case MarshalType.Interned when format.IsPython2:
            {
                var bytes = ReadBytes(ReadLength("an interned string length"));
                var s = PyString.FromLatin1(bytes, PyStringForm.Py2Interned);
                node = new MarshalLayout(code, refs.Count);
                refs.Add(s);
                refLayouts.Add(node);
                value = s;
                break;
            }

            case MarshalType.StringRef when format.IsPython2:
            {
                var index = ReadInt32("a string reference index");
                if (index < 0 || index >= refs.Count)
                {
                    throw Error(start, $"an interned-string index below {refs.Count}", $"string ref {index} out of range");
                }

                node = new MarshalLayout(code, index) { Target = refLayouts[index] };
                value = refs[index];
                break;
            }

            case MarshalType.Interned:
            case MarshalType.Unicode:
            {
                var length = ReadLength("a string length");
                var textStart = pos;
                var bytes = ReadBytes(length);
                var form = type == MarshalType.Unicode ? PyStringForm.Unicode : PyStringForm.Interned;
                var text = SurrogatePassUtf8.Decode(bytes, out var bad);
                if (text is null)
                {
                    throw Error(textStart + bad, "valid UTF-8", "invalid UTF-8 in a string");
                }

                value = Leaf(code, flag, PyString.FromUtf8(bytes, form), out node);
                break;
            }

            case MarshalType.Ascii when format.HasCompactForms:
            case MarshalType.AsciiInterned when format.HasCompactForms:
            {
                var bytes = ReadBytes(ReadLength("an ascii string length"));
                var form = type == MarshalType.Ascii ? PyStringForm.Ascii : PyStringForm.AsciiInterned;
                value = Leaf(code, flag, PyString.FromLatin1(bytes, form), out node);
                break;
            }

            case MarshalType.ShortAscii when format.HasCompactForms:
            case MarshalType.ShortAsciiInterned when format.HasCompactForms:
            {
                var bytes = ReadBytes(ReadByte("a short string length"));
                var form = type == MarshalType.ShortAscii ? PyStringForm.ShortAscii : PyStringForm.ShortAsciiInterned;
                value = Leaf(code, flag, PyString.FromLatin1(bytes, form), out node);
                break;
            }

            case MarshalType.Tuple:
                value = ReadSequence(code, flag, ReadLength("a tuple size"), static items => new PyTuple(items), out node);
                break;
            case MarshalType.SmallTuple when format.HasCompactForms:
                value = ReadSequence(code, flag, ReadByte("a small tuple size"), static items => new PyTuple(items), out node);
                break;
            case MarshalType.List:
                value = ReadSequence(code, flag, ReadLength("a list size"), static items => new PyList(items), out node);
                break;
            case MarshalType.Set:
                value = ReadSequence(code, flag, ReadLength("a set size"), static items => new PySet(items), out node);
                break;
            case MarshalType.FrozenSet:
                value = ReadSequence(code, flag, ReadLength("a frozenset size"), static items => new PyFrozenSet(items), out node);
                break;
            case MarshalType.Dict:
                value = ReadDict(code, flag, static e => new PyDict(e), out node);
                break;
            case MarshalType.FrozenDict when format.HasFrozenDict:
                value = ReadDict(code, flag, static e => new PyFrozenDict(e), out node);
                break;
            case MarshalType.Slice when format.HasSlice:
            {
                var index = Reserve(flag, code, out node);
                var children = new MarshalLayout[3];
                var a = ReadObject(out children[0])!;
                var b = ReadObject(out children[1])!;
                var c = ReadObject(out children[2])!;
                node.Children = children;
                value = Fill(index, new PySlice(a, b, c));
                break;
            }

            case MarshalType.Code when format.CodeLayout.TypeCode == MarshalType.Code:
            case MarshalType.OldCode when format.CodeLayout.TypeCode == MarshalType.OldCode:
                value = ReadCode(code, flag, out node);
                break;
            case MarshalType.Ref when format.UsesObjectRefs:
            {
                var index = ReadInt32("a reference index");
                if (index < 0 || index >= refs.Count)
                {
                    throw Error(start, $"a reference index below {refs.Count}", $"invalid reference {index}");
                }

                value = refs[index] ?? throw Error(start, "a reference to a complete object",
                    $"reference {index} names an object that is still being read (self-containing values are not supported)");
                node = new MarshalLayout(code, index) { Target = refLayouts[index] };
                break;
            }

            default:
                throw UnknownType(start, code);
        }

        depth--;
        return value;
    }

    private PyObject Leaf(byte code, bool flag, PyObject value, out MarshalLayout node)
    {
        var index = Reserve(flag, code, out node);
        return Fill(index, value);
    }

    private int Reserve(bool flag, byte code, out MarshalLayout node)
    {
        if (!flag)
        {
            node = new MarshalLayout(code, -1);
            return -1;
        }

        var index = refs.Count;
        node = new MarshalLayout(code, index);
        refs.Add(null);
        refLayouts.Add(node);
        return index;
    }

    private readonly PyObject Fill(int index, PyObject value)
    {
        if (index >= 0)
        {
            refs[index] = value;
        }

        return value;
    }

    private PyObject ReadSequence(byte code, bool flag, int count, Func<ImmutableArray<PyObject>, PyObject> make, out MarshalLayout node)
    {
        // Every element takes at least one byte, so a count beyond the remaining input is a lie.
        if (count > Remaining)
        {
            throw Error(pos, $"at most {Remaining} elements (the bytes left)", $"a size of {count}");
        }

        var index = Reserve(flag, code, out node);
        var items = ImmutableArray.CreateBuilder<PyObject>(count);
        var children = new MarshalLayout[count];
        for (var i = 0; i < count; i++)
        {
            items.Add(ReadObject(out children[i])!);
        }

        node.Children = children;
        return Fill(index, make(items.MoveToImmutable()));
    }

    private PyObject ReadDict(byte code, bool flag, Func<ImmutableArray<KeyValuePair<PyObject, PyObject>>, PyObject> make, out MarshalLayout node)
    {
        var index = Reserve(flag, code, out node);
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<PyObject, PyObject>>();
        var children = new List<MarshalLayout>();
        while (true)
        {
            var key = ReadObject(out var keyNode, allowNull: true);
            if (key is null)
            {
                children.Add(keyNode);
                break;
            }

            var valueStart = pos;
            var value = ReadObject(out var valueNode, allowNull: true) ?? throw Error(valueStart, "a dict value", "NULL where a dict value is required");
            children.Add(keyNode);
            children.Add(valueNode);
            entries.Add(KeyValuePair.Create(key, value));
        }

        node.Children = [.. children];
        return Fill(index, make(entries.ToImmutable()));
    }

    private PyObject ReadCode(byte code, bool flag, out MarshalLayout node)
    {
        var index = Reserve(flag, code, out node);
        var fields = format.CodeLayout.Fields;
        var children = new MarshalLayout[format.CodeLayout.ObjectFieldCount];
        var c = 0;
        // The fields go to locals and make one PyCode at the end (a `with` per field copied the record 16 times).
        int argCount = 0, posOnly = 0, kwOnly = 0, nLocals = 0, stackSize = 0, flags = 0, firstLine = 0;
        ImmutableArray<byte> bytecode = [], kinds = [], lineTable = [], exceptionTable = [];
        ImmutableArray<PyObject> consts = [];
        ImmutableArray<PyString> names = [], varNames = [], freeVars = [], cellVars = [], localsPlus = [];
        PyString? filename = null, name = null, qualName = null;
        foreach (var field in fields)
        {
            if (field.IsInt32())
            {
                var v = format.CodeLayout.IntSize == 2
                    ? ReadInt16($"the 16-bit {field} of a code object")
                    : ReadInt32($"the int32 {field} of a code object");
                switch (field)
                {
                    case CodeField.ArgCount: argCount = v; break;
                    case CodeField.PosOnlyArgCount: posOnly = v; break;
                    case CodeField.KwOnlyArgCount: kwOnly = v; break;
                    case CodeField.NLocals: nLocals = v; break;
                    case CodeField.StackSize: stackSize = v; break;
                    case CodeField.Flags: flags = v; break;
                    default: firstLine = v; break;
                }

                continue;
            }

            var start = pos;
            var obj = ReadObject(out children[c++])!;
            switch (field)
            {
                case CodeField.Code: bytecode = AsBytes(obj, field, start); break;
                case CodeField.Consts:
                    consts = obj is PyTuple t ? t.Items
                        : obj is PyList l && format.CodeLayout.ListsForTuples ? l.Items
                        : throw FieldError(start, field, format.CodeLayout.ListsForTuples ? "a list" : "a tuple", obj);
                    break;
                case CodeField.Names: names = AsStrings(obj, field, start); break;
                case CodeField.VarNames: varNames = AsStrings(obj, field, start); break;
                case CodeField.FreeVars: freeVars = AsStrings(obj, field, start); break;
                case CodeField.CellVars: cellVars = AsStrings(obj, field, start); break;
                case CodeField.LocalsPlusNames: localsPlus = AsStrings(obj, field, start); break;
                case CodeField.LocalsPlusKinds: kinds = AsBytes(obj, field, start); break;
                case CodeField.Filename: filename = AsString(obj, field, start); break;
                case CodeField.Name: name = AsString(obj, field, start); break;
                case CodeField.QualName: qualName = AsString(obj, field, start); break;
                case CodeField.LineTable: lineTable = AsBytes(obj, field, start); break;
                default: exceptionTable = AsBytes(obj, field, start); break;
            }
        }

        var result = new PyCode
        {
            ArgCount = argCount,
            PosOnlyArgCount = posOnly,
            KwOnlyArgCount = kwOnly,
            NLocals = nLocals,
            StackSize = stackSize,
            Flags = flags,
            Code = bytecode,
            Consts = consts,
            Names = names,
            VarNames = varNames,
            FreeVars = freeVars,
            CellVars = cellVars,
            LocalsPlusNames = localsPlus,
            LocalsPlusKinds = kinds,
            Filename = filename ?? PyString.Empty,
            Name = name ?? PyString.Empty,
            QualName = qualName,
            FirstLineNo = firstLine,
            LineTable = lineTable,
            ExceptionTable = exceptionTable,
        };
        node.Children = children;
        return Fill(index, result);
    }

    private readonly ImmutableArray<byte> AsBytes(PyObject obj, CodeField field, int start) => obj switch
    {
        PyBytes b when !format.IsPython2 => b.Value,
        PyString s when format.IsPython2 && s.IsPy2ByteString => [.. s.ToLatin1()],
        _ => throw FieldError(start, field, format.IsPython2 ? "a str" : "bytes", obj),
    };

    private readonly PyString AsString(PyObject obj, CodeField field, int start) => obj switch
    {
        PyString s => s,

        // PyPy 3.2 writes identifiers and file names as byte strings: kept as byte-string forms, written back as 's'.
        PyBytes b when format.PythonVersion.IsPyPy => PyString.FromLatin1(b.Value.AsSpan(), PyStringForm.Py2Str),
        _ => throw FieldError(start, field, "a str", obj),
    };

    private readonly ImmutableArray<PyString> AsStrings(PyObject obj, CodeField field, int start)
    {
        var items = obj switch
        {
            PyTuple t => t.Items,
            PyList l when format.CodeLayout.ListsForTuples => l.Items,
            _ => throw FieldError(start, field, format.CodeLayout.ListsForTuples ? "a list of str" : "a tuple of str", obj),
        };

        var builder = ImmutableArray.CreateBuilder<PyString>(items.Length);
        foreach (var item in items)
        {
            builder.Add(item is PyBytes && format.PythonVersion.IsPyPy ? AsString(item, field, start)
                : item as PyString ?? throw FieldError(start, field, "a tuple of str", item));
        }

        return builder.MoveToImmutable();
    }

    private readonly PycFormatException FieldError(int start, CodeField field, string expected, PyObject found) =>
        Error(start, $"{expected} for the code object's {field}", $"found {found.TypeName}");

    private PyInt ReadLong()
    {
        var start = pos;
        var n = ReadInt32("a long's digit count");
        if (n == int.MinValue)
        {
            throw Error(start, "a long size in range", "long size out of range");
        }

        var size = Math.Abs(n);
        if ((long)size * 2 > Remaining)
        {
            throw Error(pos, $"{size} 15-bit digits", $"only {Remaining} bytes left");
        }

        if (size <= 4)
        {
            long acc = 0;
            for (var i = 0; i < size; i++)
            {
                acc |= (long)ReadDigit(i == size - 1) << (15 * i);
            }

            return new PyInt(n < 0 ? -acc : acc);
        }

        // Large values: collect the digits as bits little-endian, then build the BigInteger once.
        var bits = new byte[((size * 15) + 7) / 8 + 1];
        for (var i = 0; i < size; i++)
        {
            var d = ReadDigit(i == size - 1);
            var bit = i * 15;
            for (var k = 0; k < 15; k++)
            {
                if ((d & (1 << k)) != 0)
                {
                    bits[(bit + k) >> 3] |= (byte)(1 << ((bit + k) & 7));
                }
            }
        }

        var magnitude = new BigInteger(bits, isUnsigned: true, isBigEndian: false);
        return new PyInt(n < 0 ? -magnitude : magnitude);
    }

    private int ReadDigit(bool last)
    {
        var start = pos;
        var d = ReadUInt16();
        if (d >= 0x8000)
        {
            throw Error(start, "a 15-bit digit", "digit out of range in long");
        }

        if (last && d == 0)
        {
            throw Error(start, "a non-zero most significant digit", "unnormalized long data");
        }

        return d;
    }

    private double ReadTextFloat(out string text)
    {
        var n = ReadByte("a float text length");
        var start = pos;
        var bytes = ReadBytes(n);
        text = System.Text.Encoding.Latin1.GetString(bytes);
        return PythonFloatText.TryParse(text, out var value)
            ? value
            : throw Error(start, "a float literal", $"could not convert '{text}' to float");
    }

    private byte ReadByte(string what)
    {
        if (pos >= data.Length)
        {
            throw Truncated(what, 1);
        }

        return data[pos++];
    }

    private ushort ReadUInt16()
    {
        if (Remaining < 2)
        {
            throw Truncated("a long digit", 2);
        }

        var v = BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]);
        pos += 2;
        return v;
    }

    private int ReadInt32(string what)
    {
        if (Remaining < 4)
        {
            throw Truncated(what, 4);
        }

        var v = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
        pos += 4;
        return v;
    }

    private short ReadInt16(string what)
    {
        if (Remaining < 2)
        {
            throw Truncated(what, 2);
        }

        var v = BinaryPrimitives.ReadInt16LittleEndian(data[pos..]);
        pos += 2;
        return v;
    }

    private long ReadInt64()
    {
        if (Remaining < 8)
        {
            throw Truncated("an 8-byte int", 8);
        }

        var v = BinaryPrimitives.ReadInt64LittleEndian(data[pos..]);
        pos += 8;
        return v;
    }

    private double ReadDouble()
    {
        if (Remaining < 8)
        {
            throw Truncated("an 8-byte float", 8);
        }

        var v = BinaryPrimitives.ReadDoubleLittleEndian(data[pos..]);
        pos += 8;
        return v;
    }

    private int ReadLength(string what)
    {
        var start = pos;
        var n = ReadInt32(what);
        if (n < 0)
        {
            throw Error(start, $"{what} (non-negative)", $"size {n} out of range");
        }

        return n;
    }

    private ReadOnlySpan<byte> ReadBytes(int n)
    {
        if (n > Remaining)
        {
            throw Error(pos, $"{n} bytes of data", $"only {Remaining} bytes left (marshal data too short)");
        }

        var s = data.Slice(pos, n);
        pos += n;
        return s;
    }

    private readonly PycFormatException Truncated(string what, int need) =>
        Error(pos, what, $"end of data after {pos} bytes ({need} needed, {Remaining} left)");

    private readonly PycFormatException UnknownType(int at, byte code) =>
        Error(at, $"a type code known to marshal of Python {format.PythonVersion}", $"unknown type code {MarshalType.Describe(code)}");

    private readonly PycFormatException Error(long at, string expected, string detail) =>
        new(baseOffset + at, expected, detail);
}

/// <summary>Parses float text the way CPython's marshal does (PyOS_string_to_double: no spaces or underscores).</summary>
internal static class PythonFloatText
{
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        var body = text.AsSpan();
        var negative = false;
        if (body.Length > 0 && (body[0] == '+' || body[0] == '-'))
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? -double.NaN : double.NaN;
            return true;
        }

        // digits [. digits] [e [sign] digits], at least one digit in the mantissa.
        var i = 0;
        var mantissaDigits = 0;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < body.Length && body[i] == '.')
        {
            i++;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < body.Length && (body[i] == 'e' || body[i] == 'E'))
        {
            i++;
            if (i < body.Length && (body[i] == '+' || body[i] == '-'))
            {
                i++;
            }

            var expDigits = 0;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                expDigits++;
            }

            if (expDigits == 0)
            {
                return false;
            }
        }

        if (i != body.Length)
        {
            return false;
        }

        value = double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return true;
    }
}
