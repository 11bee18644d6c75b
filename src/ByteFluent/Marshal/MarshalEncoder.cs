using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Numerics;

namespace ByteFluent.Marshal;

/// <summary>The encoder behind <see cref="MarshalWriter"/>.</summary>
internal sealed class MarshalEncoder
{
    private readonly MarshalFormat format;
    private readonly int maxDepth;
    private readonly PyObject root;
    private readonly List<PyObject> written = [];
    // From 3.8 the compiler merges equal name and consts tuples across a module's code objects.
    private static readonly Versions.PythonVersion MergedConstantsSince = Versions.PythonVersion.V3_8;

    // Up to 3.14 the module code object handed to marshal.dumps has another reference (flagged); 3.15 passes its only one.
    private static readonly Versions.PythonVersion UnflaggedRootCodeSince = Versions.PythonVersion.V3_15;

    // From 3.10 the bytecode and line tables are merged too.
    private static readonly Versions.PythonVersion MergedTablesSince = Versions.PythonVersion.V3_10;

    // From 3.11 co_code is made (and cached on the code object) when marshalled: always flagged, never shared.
    private static readonly Versions.PythonVersion FreshCodeBytesSince = Versions.PythonVersion.V3_11;

    // Which written (flagged) objects may be referenced again by value. The dictionary is made only when something is
    // looked up in it: a value written along its captured layout never is, and hashing every flagged object was much
    // of what writing cost.
    private readonly List<bool> writtenShareable = [];
    private Dictionary<PyObject, int>? shared;

    // A captured layout's reference index → the index written for it (-1: none yet).
    private int[] layoutIndexToNew = [];
    private Dictionary<PyObject, int>? occurrences;
    // Rented from the shared pool (every file written grew its own buffer by doubling); returned by ToArray.
    private byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int length;
    private int depth;

    public MarshalEncoder(MarshalFormat format, MarshalWriterOptions options, PyObject root)
    {
        this.format = format;
        maxDepth = options.MaxDepth;
        this.root = root;
    }

    /// <summary>The bytes written, between <paramref name="prefix"/> and <paramref name="suffix"/>; gives the buffer back to the pool.</summary>
    public byte[] ToArray(ReadOnlySpan<byte> prefix = default, ReadOnlySpan<byte> suffix = default)
    {
        var result = new byte[prefix.Length + length + suffix.Length];
        prefix.CopyTo(result);
        buffer.AsSpan(0, length).CopyTo(result.AsSpan(prefix.Length));
        suffix.CopyTo(result.AsSpan(prefix.Length + length));
        var rented = buffer;
        buffer = [];
        length = 0;
        System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return result;
    }

    public void WriteRoot(PyObject value, MarshalLayout? layout) => WriteObject(value, layout, StringRole.Value);

    private void WriteObject(PyObject value, MarshalLayout? node, StringRole role)
    {
        if (++depth > maxDepth)
        {
            throw new MarshalWriteException($"the value is nested deeper than {maxDepth} levels (CPython's limit)");
        }

        if (node is { IsReference: true })
        {
            if (TryWriteLayoutReference(value, node))
            {
                depth--;
                return;
            }

            node = node.Target;
        }

        switch (value)
        {
            case PyNone:
                WriteSingleton(MarshalType.None, node);
                break;
            case PyBool b:
                WriteSingleton(b.Value ? MarshalType.True : MarshalType.False, node);
                break;
            case PyEllipsis:
                WriteSingleton(MarshalType.Ellipsis, node);
                break;
            case PyStopIteration:
                WriteSingleton(MarshalType.StopIteration, node);
                break;
            case PyString s:
                WriteString(s, node, role);
                break;
            default:
                WriteComplex(value, node, role);
                break;
        }

        depth--;
    }

    private void WriteSingleton(byte type, MarshalLayout? node) =>
        WriteByte(node is not null && node.Type == type && (format.UsesObjectRefs || !node.Flagged) ? node.Code : type);

    private bool TryWriteLayoutReference(PyObject value, MarshalLayout node)
    {
        var index = (uint)node.Index < (uint)layoutIndexToNew.Length ? layoutIndexToNew[node.Index] : -1;
        if (index < 0 || !PyEquality.Strict(written[index], value))
        {
            return false;
        }

        WriteByte(node.Code);
        WriteInt32(index);
        return true;
    }

    private void WriteString(PyString s, MarshalLayout? node, StringRole role)
    {
        if (format.IsPython2)
        {
            WriteString2(s, node, role);
            return;
        }

        if (s.Form.IsPy2ByteString())
        {
            // PyPy 3.2 marshals identifiers as byte strings ('s'); they are kept as such.
            WriteObject(new PyBytes([.. s.ToLatin1()]), node, role);
            return;
        }

        var form = ResolveForm3(s, role);
        var type = form switch
        {
            PyStringForm.Ascii => MarshalType.Ascii,
            PyStringForm.AsciiInterned => MarshalType.AsciiInterned,
            PyStringForm.ShortAscii => MarshalType.ShortAscii,
            PyStringForm.ShortAsciiInterned => MarshalType.ShortAsciiInterned,
            PyStringForm.Interned => MarshalType.Interned,
            _ => MarshalType.Unicode,
        };
        if (node is not null && node.Type != type)
        {
            node = null;
        }

        var effective = form == s.Form ? s : s with { Form = form };
        if (TryBeginShareable(effective, node, type, role))
        {
            return;
        }

        if (type is MarshalType.Unicode or MarshalType.Interned)
        {
            WriteInt32(s.Utf8.Length);
            WriteBytes(s.Utf8);
        }
        else
        {
            // The ascii forms hold ascii text, whose UTF-8 is its Latin-1: no copy needed.
            var bytes = s.IsAscii ? s.Utf8 : s.ToLatin1();
            if (type is MarshalType.ShortAscii or MarshalType.ShortAsciiInterned)
            {
                WriteByte((byte)bytes.Length);
            }
            else
            {
                WriteInt32(bytes.Length);
            }

            WriteBytes(bytes);
        }
    }

    private PyStringForm ResolveForm3(PyString s, StringRole role)
    {
        var form = s.Form;
        var interned = form.IsInterned() || (form == PyStringForm.Auto && InternsRole(role));
        var latin1 = form is PyStringForm.Ascii or PyStringForm.AsciiInterned or PyStringForm.ShortAscii or PyStringForm.ShortAsciiInterned
            && s.IsLatin1();
        switch (form)
        {
            case PyStringForm.Ascii or PyStringForm.AsciiInterned when latin1:
            case PyStringForm.Unicode:
            case PyStringForm.Interned:
                return form;
            case PyStringForm.ShortAscii or PyStringForm.ShortAsciiInterned when latin1 && s.Utf8.Length <= 255 && s.Length <= 255:
                return form;
        }

        // Auto: CPython picks the ascii forms for pure-ASCII text, short when under 256 characters.
        if (s.IsAscii)
        {
            return s.Utf8.Length < 256
                ? interned ? PyStringForm.ShortAsciiInterned : PyStringForm.ShortAscii
                : interned ? PyStringForm.AsciiInterned : PyStringForm.Ascii;
        }

        return interned ? PyStringForm.Interned : PyStringForm.Unicode;
    }

    private bool InternsRole(StringRole role) => role == StringRole.Identifier
        || (role == StringRole.Filename && format.PythonVersion >= new Versions.PythonVersion(3, 13));

    private void WriteString2(PyString s, MarshalLayout? node, StringRole role)
    {
        // Python 2: 's' byte string, 't' interned byte string (later occurrences 'R' references), 'u' unicode.
        // Text becomes 'u' except where 2.7 needs a byte string: identifiers in code objects (interned) and the filename.
        var latin1 = s.IsLatin1();
        // Before 2.4 (marshal version 0) nothing is interned in the file: identifiers are plain byte strings.
        var interned = format.InternsStrings
            && (s.Form == PyStringForm.Py2Interned || (latin1 && role == StringRole.Identifier && s.Form != PyStringForm.Py2Str));
        if (interned)
        {
            var key = s.Form == PyStringForm.Py2Interned ? s : PyString.FromLatin1(s.ToLatin1(), PyStringForm.Py2Interned);
            if (node is not { Type: MarshalType.Interned } && Shared.TryGetValue(key, out var existing))
            {
                WriteByte(MarshalType.StringRef);
                WriteInt32(existing);
                return;
            }

            var index = Remember(key, shareable: true);
            if (node is { Type: MarshalType.Interned })
            {
                MapLayoutIndex(node.Index, index);
            }

            WriteByte(MarshalType.Interned);
        }
        else if (s.Form.IsPy2ByteString() || (latin1 && role is StringRole.Filename or StringRole.Identifier))
        {
            WriteByte(MarshalType.String);
        }
        else
        {
            WriteByte(MarshalType.Unicode);
            WriteInt32(s.Utf8.Length);
            WriteBytes(s.Utf8);
            return;
        }

        var bytes = s.IsAscii ? s.Utf8 : s.ToLatin1();
        WriteInt32(bytes.Length);
        WriteBytes(bytes);
    }

    private Dictionary<PyObject, int> Shared
    {
        get
        {
            if (shared is null)
            {
                shared = new Dictionary<PyObject, int>(StrictPyObjectComparer.Instance);
                for (var i = 0; i < written.Count; i++)
                {
                    if (writtenShareable[i])
                    {
                        shared.TryAdd(written[i], i);
                    }
                }
            }

            return shared;
        }
    }

    /// <summary>Records a flagged object at the next reference index; returns the index.</summary>
    private int Remember(PyObject value, bool shareable)
    {
        var index = written.Count;
        written.Add(value);
        writtenShareable.Add(shareable);
        if (shareable)
        {
            shared?.TryAdd(value, index);
        }

        return index;
    }

    private void MapLayoutIndex(int layoutIndex, int index)
    {
        if (layoutIndex < 0)
        {
            return;
        }

        if (layoutIndex >= layoutIndexToNew.Length)
        {
            var old = layoutIndexToNew.Length;
            Array.Resize(ref layoutIndexToNew, Math.Max(layoutIndex + 1, Math.Max(16, old * 2)));
            layoutIndexToNew.AsSpan(old).Fill(-1);
        }

        layoutIndexToNew[layoutIndex] = index;
    }

    /// <summary>
    /// Writes the type byte of a shareable object (with FLAG_REF when the layout or CPython's rule says so),
    /// or a back-reference when CPython would have shared an equal object already written. Returns true
    /// when a reference was written (nothing more to write).
    /// </summary>
    private bool TryBeginShareable(PyObject value, MarshalLayout? node, byte type, StringRole role)
    {
        if (!format.UsesObjectRefs)
        {
            WriteByte(type);
            return false;
        }

        var shareable = Shareable(value, role);
        bool flag;
        if (node is not null)
        {
            flag = node.Flagged;
        }
        else
        {
            if (shareable && Shared.TryGetValue(value, out var existing))
            {
                WriteByte(MarshalType.Ref);
                WriteInt32(existing);
                return true;
            }

            flag = AlwaysFlagged(value, role) || (shareable && Occurrences(value) > 1)
                || (ReferenceEquals(value, root) && value is PyCode && format.PythonVersion < UnflaggedRootCodeSince);
        }

        if (flag)
        {
            var index = Remember(value, shareable);
            if (node is not null)
            {
                MapLayoutIndex(node.Index, index);
            }
        }

        WriteByte((byte)(type | (flag ? MarshalType.FlagRef : 0)));
        return false;
    }

    // CPython shares by identity; these are the values whose identity follows from their value where they sit:
    // identifiers (interned), the filename, constants (merged by value), from 3.8 a code object's name and consts
    // tuples, from 3.10 its bytecode and line tables (until 3.11 made co_code a fresh object at marshal time). The
    // locals kinds are never merged.
    private bool Shareable(PyObject value, StringRole role)
    {
        if (IsSingleton(value) || value is PyString { Form: var f } && f.IsInterned())
        {
            return true;
        }

        var v = format.PythonVersion;
        return IsShareable(value) && role switch
        {
            StringRole.Identifier or StringRole.Filename or StringRole.Value => true,
            StringRole.Own or StringRole.NameTuple => v >= MergedConstantsSince,
            StringRole.Table => v >= MergedTablesSince,
            StringRole.CodeBytes => v >= MergedTablesSince && v < FreshCodeBytesSince,
            _ => false,
        };
    }

    // Interned strings are referenced from elsewhere in the interpreter too (from 3.12 they are immortal).
    private bool AlwaysFlagged(PyObject value, StringRole role) =>
        IsSingleton(value)
        || value is PyString { Form: var f } && f.IsInterned()
        || (role == StringRole.CodeBytes && format.PythonVersion >= FreshCodeBytesSince);

    // Objects CPython keeps one instance of: small ints, the empty tuple, bytes and str, one-character Latin-1 strings.
    private static bool IsSingleton(PyObject value) => value switch
    {
        PyInt i => i.Value >= -5 && i.Value <= 256,
        PyTuple t => t.Count == 0,
        PyBytes b => b.Value.IsEmpty,
        PyString s => s.Utf8.Length == 0 || (s.Length == 1 && s.IsLatin1() && !s.IsPy2ByteString),
        _ => false,
    };

    // Before marshal version 2 floats are text, as repr gave them then ("%.17g").
    private static string FloatText(double v) => double.IsNaN(v) ? "nan"
        : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf")
        : v.ToString("G17", System.Globalization.CultureInfo.InvariantCulture).Replace('E', 'e');

    private void WriteComplex(PyObject value, MarshalLayout? node, StringRole role)
    {
        switch (value)
        {
            case PyInt i:
                WriteInt(i, node, role);
                break;
            case PyFloat f:
                if (node is { Type: MarshalType.Float } && node.Text is not null && PythonFloatText.TryParse(node.Text, out var parsed)
                    && new PyFloat(parsed).Equals(f))
                {
                    if (!TryBeginShareable(f, node, MarshalType.Float, role))
                    {
                        WriteText(node.Text);
                    }

                    break;
                }

                if (!format.HasBinaryFloats)
                {
                    if (!TryBeginShareable(f, null, MarshalType.Float, role))
                    {
                        WriteText(FloatText(f.Value));
                    }

                    break;
                }

                if (!TryBeginShareable(f, node is { Type: MarshalType.BinaryFloat } ? node : null, MarshalType.BinaryFloat, role))
                {
                    WriteDouble(f.Value);
                }

                break;
            case PyComplex c:
                if (node is { Type: MarshalType.Complex } && node.Text is not null && node.Text2 is not null
                    && PythonFloatText.TryParse(node.Text, out var re) && PythonFloatText.TryParse(node.Text2, out var im)
                    && new PyComplex(re, im).Equals(c))
                {
                    if (!TryBeginShareable(c, node, MarshalType.Complex, role))
                    {
                        WriteText(node.Text);
                        WriteText(node.Text2);
                    }

                    break;
                }

                if (!format.HasBinaryFloats)
                {
                    if (!TryBeginShareable(c, null, MarshalType.Complex, role))
                    {
                        WriteText(FloatText(c.Real));
                        WriteText(FloatText(c.Imag));
                    }

                    break;
                }

                if (!TryBeginShareable(c, node is { Type: MarshalType.BinaryComplex } ? node : null, MarshalType.BinaryComplex, role))
                {
                    WriteDouble(c.Real);
                    WriteDouble(c.Imag);
                }

                break;
            case PyBytes b:
                if (format.IsPython2)
                {
                    WriteString2(PyString.FromLatin1(b.Value.AsSpan(), PyStringForm.Py2Str), node, StringRole.Value);
                    break;
                }

                if (!TryBeginShareable(b, node is { Type: MarshalType.String } ? node : null, MarshalType.String, role))
                {
                    WriteInt32(b.Value.Length);
                    WriteBytes(b.Value.AsSpan());
                }

                break;
            case PyTuple t:
            {
                var small = format.HasCompactForms && t.Count < 256;
                var type = node switch
                {
                    { Type: MarshalType.Tuple } => MarshalType.Tuple,
                    { Type: MarshalType.SmallTuple } when t.Count < 256 && format.HasCompactForms => MarshalType.SmallTuple,
                    _ => small ? MarshalType.SmallTuple : MarshalType.Tuple,
                };
                node = node is not null && node.Type == type ? node : null;
                if (TryBeginShareable(t, node, type, role))
                {
                    break;
                }

                if (type == MarshalType.SmallTuple)
                {
                    WriteByte((byte)t.Count);
                }
                else
                {
                    WriteInt32(t.Count);
                }

                WriteItems(t.Items, node);
                break;
            }

            case PyList l:
                WriteContainer(l, l.Items, MarshalType.List, node, role);
                break;
            case PySet s:
                WriteContainer(s, s.Items, MarshalType.Set, node, role);
                break;
            case PyFrozenSet s:
                WriteContainer(s, s.Items, MarshalType.FrozenSet, node, role);
                break;
            case PyDict d:
                WriteDict(d, d.Entries, MarshalType.Dict, node, role);
                break;
            case PyFrozenDict d:
                if (!format.HasFrozenDict)
                {
                    throw new MarshalWriteException($"frozendict cannot be marshalled for Python {format.PythonVersion} (marshal version 6, Python 3.15+)");
                }

                WriteDict(d, d.Entries, MarshalType.FrozenDict, node, role);
                break;
            case PySlice s:
                if (!format.HasSlice)
                {
                    throw new MarshalWriteException($"slice cannot be marshalled for Python {format.PythonVersion} (marshal version 5, Python 3.14+)");
                }

                node = node is { Type: MarshalType.Slice } ? node : null;
                if (!TryBeginShareable(s, node, MarshalType.Slice, role))
                {
                    var children = node?.Children is { Length: 3 } c3 ? c3 : null;
                    WriteObject(s.Start, children?[0], StringRole.Value);
                    WriteObject(s.Stop, children?[1], StringRole.Value);
                    WriteObject(s.Step, children?[2], StringRole.Value);
                }

                break;
            case PyCode code:
                WriteCode(code, node is not null && node.Type == format.CodeLayout.TypeCode ? node : null);
                break;
            default:
                throw new MarshalWriteException($"values of type {value.GetType().Name} cannot be marshalled");
        }
    }

    private void WriteInt(PyInt i, MarshalLayout? node, StringRole role)
    {
        var v = i.Value;
        var fits32 = v >= int.MinValue && v <= int.MaxValue;
        var fits64 = v >= long.MinValue && v <= long.MaxValue;
        byte type = node switch
        {
            _ when format.IsPython2 && i.IsPython2Long => MarshalType.Long,
            { Type: MarshalType.Int } when fits32 => MarshalType.Int,
            { Type: MarshalType.Int64 } when fits64 => MarshalType.Int64,
            { Type: MarshalType.Long } => MarshalType.Long,
            _ => fits32 ? MarshalType.Int : (format.IsPython2 && fits64 ? MarshalType.Int64 : MarshalType.Long),
        };
        node = node is not null && node.Type == type ? node : null;
        if (TryBeginShareable(i, node, type, role))
        {
            return;
        }

        switch (type)
        {
            case MarshalType.Int:
                WriteInt32((int)v);
                break;
            case MarshalType.Int64:
                Span<byte> eight = stackalloc byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(eight, (long)v);
                WriteBytes(eight);
                break;
            default:
                WriteLong(v);
                break;
        }
    }

    private void WriteLong(BigInteger v)
    {
        // The 15-bit digits straight from the magnitude's bytes: linear, where shifting the BigInteger 15 bits at a
        // time would copy it once per digit (quadratic: a constant like 7**1200000 would never finish).
        var bytes = BigInteger.Abs(v).ToByteArray(isUnsigned: true, isBigEndian: false);
        var bitCount = (long)bytes.Length * 8;
        var digits = new List<ushort>((int)((bitCount + 14) / 15));
        for (long bit = 0; bit < bitCount; bit += 15)
        {
            var at = (int)(bit >> 3);
            var word = (uint)bytes[at] | (at + 1 < bytes.Length ? (uint)bytes[at + 1] << 8 : 0) | (at + 2 < bytes.Length ? (uint)bytes[at + 2] << 16 : 0);
            digits.Add((ushort)((word >> (int)(bit & 7)) & 0x7FFF));
        }

        while (digits.Count > 0 && digits[^1] == 0)
        {
            digits.RemoveAt(digits.Count - 1);
        }

        WriteInt32(v.Sign < 0 ? -digits.Count : digits.Count);
        Span<byte> two = stackalloc byte[2];
        foreach (var d in digits)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(two, d);
            WriteBytes(two);
        }
    }

    private void WriteContainer(PyObject value, ImmutableArray<PyObject> items, byte type, MarshalLayout? node, StringRole role)
    {
        node = node is not null && node.Type == type ? node : null;
        if (TryBeginShareable(value, node, type, role))
        {
            return;
        }

        WriteInt32(items.Length);
        WriteItems(items, node);
    }

    private void WriteItems(ImmutableArray<PyObject> items, MarshalLayout? node)
    {
        var children = node?.Children is { } c && c.Length == items.Length ? c : null;
        for (var k = 0; k < items.Length; k++)
        {
            WriteObject(items[k], children?[k], StringRole.Value);
        }
    }

    private void WriteDict(PyObject value, ImmutableArray<KeyValuePair<PyObject, PyObject>> entries, byte type, MarshalLayout? node, StringRole role)
    {
        node = node is not null && node.Type == type ? node : null;
        if (TryBeginShareable(value, node, type, role))
        {
            return;
        }

        var children = node?.Children is { } c && c.Length == (entries.Length * 2) + 1 ? c : null;
        for (var k = 0; k < entries.Length; k++)
        {
            WriteObject(entries[k].Key, children?[2 * k], StringRole.Value);
            WriteObject(entries[k].Value, children?[(2 * k) + 1], StringRole.Value);
        }

        WriteByte(children?[^1] is { Type: MarshalType.Null } end ? end.Code : MarshalType.Null);
    }

    private void WriteCode(PyCode code, MarshalLayout? node)
    {
        if (TryBeginShareable(code, node is not null && node.Type == format.CodeLayout.TypeCode ? node : null, format.CodeLayout.TypeCode, StringRole.Own))
        {
            return;
        }

        var fields = format.CodeLayout.Fields;
        var objectFields = fields.Count(f => !f.IsInt32());
        var children = node?.Children is { } c && c.Length == objectFields ? c : null;
        var k = 0;
        foreach (var field in fields)
        {
            switch (field)
            {
                case CodeField.ArgCount: WriteCodeInt(code.ArgCount, field); continue;
                case CodeField.PosOnlyArgCount: WriteCodeInt(code.PosOnlyArgCount, field); continue;
                case CodeField.KwOnlyArgCount: WriteCodeInt(code.KwOnlyArgCount, field); continue;
                case CodeField.NLocals: WriteCodeInt(code.NLocals, field); continue;
                case CodeField.StackSize: WriteCodeInt(code.StackSize, field); continue;
                case CodeField.Flags: WriteCodeInt(code.Flags, field); continue;
                case CodeField.FirstLineNo: WriteCodeInt(code.FirstLineNo, field); continue;
            }

            var child = children?[k];
            k++;
            switch (field)
            {
                case CodeField.Code: WriteBytesField(code.Code, child, StringRole.CodeBytes); break;
                case CodeField.Consts:
                    // 1.0–1.2 marshal co_consts as a list.
                    WriteObject(child is { Type: MarshalType.List } || (child is null && format.CodeLayout.ListsForTuples) ? new PyList(code.Consts) : new PyTuple(code.Consts), child, StringRole.Own);
                    break;
                case CodeField.Names: WriteNames(code.Names, child); break;
                case CodeField.VarNames: WriteNames(code.VarNames, child); break;
                case CodeField.FreeVars: WriteNames(code.FreeVars, child); break;
                case CodeField.CellVars: WriteNames(code.CellVars, child); break;
                case CodeField.LocalsPlusNames: WriteNames(code.LocalsPlusNames, child); break;
                case CodeField.LocalsPlusKinds: WriteBytesField(code.LocalsPlusKinds, child, StringRole.OwnUnmerged); break;
                case CodeField.Filename: WriteObject(code.Filename, child, StringRole.Filename); break;
                case CodeField.Name: WriteObject(code.Name, child, StringRole.Identifier); break;
                case CodeField.QualName:
                    var qualname = code.QualName ?? throw new MarshalWriteException($"code object {code.Name.Value} has no qualname, which Python {format.PythonVersion} requires");

                    // CPython reuses the name object when the qualified name is the same; otherwise it is a merged constant.
                    WriteObject(qualname, child, qualname.Equals(code.Name) ? StringRole.Identifier : StringRole.Value);
                    break;
                case CodeField.LineTable: WriteBytesField(code.LineTable, child, StringRole.Table); break;
                default: WriteBytesField(code.ExceptionTable, child, StringRole.Table); break;
            }
        }
    }

    private void WriteCodeInt(int value, CodeField field)
    {
        if (format.CodeLayout.IntSize == 4)
        {
            WriteInt32(value);
            return;
        }

        // 1.3–2.2 write these as C shorts and read them back sign-extended.
        if (value is < short.MinValue or > short.MaxValue)
        {
            throw new MarshalWriteException($"the code object's {field} {value} does not fit the 16 bits of Python {format.PythonVersion}'s code objects");
        }

        Span<byte> two = stackalloc byte[2];
        BinaryPrimitives.WriteInt16LittleEndian(two, (short)value);
        WriteBytes(two);
    }

    private void WriteBytesField(ImmutableArray<byte> bytes, MarshalLayout? node, StringRole role)
    {
        if (format.IsPython2)
        {
            // Python 2's empty string is an interned singleton, so an empty lnotab is written as 't' and later 'R'.
            var interned = format.InternsStrings && (node is null ? bytes.IsEmpty : node.Type is MarshalType.Interned or MarshalType.StringRef);
            var form = interned ? PyStringForm.Py2Interned : PyStringForm.Py2Str;
            WriteObject(PyString.FromLatin1(bytes.AsSpan(), form), node, StringRole.Value);
            return;
        }

        WriteObject(new PyBytes(bytes), node, role);
    }

    private void WriteNames(ImmutableArray<PyString> names, MarshalLayout? node)
    {
        if (++depth > maxDepth)
        {
            throw new MarshalWriteException($"the value is nested deeper than {maxDepth} levels (CPython's limit)");
        }

        if (node is { IsReference: true })
        {
            var tuple = new PyTuple(ImmutableArray<PyObject>.CastUp(names));
            if (TryWriteLayoutReference(tuple, node))
            {
                depth--;
                return;
            }

            node = node.Target;
        }

        if (node is { Type: MarshalType.List } || (node is null && format.CodeLayout.ListsForTuples))
        {
            // 1.0–1.2: co_names is a list.
            WriteObject(new PyList(ImmutableArray<PyObject>.CastUp(names)), node, StringRole.NameTuple);
            depth--;
            return;
        }

        var t = new PyTuple(ImmutableArray<PyObject>.CastUp(names));
        var type = node is { Type: MarshalType.Tuple } || !format.HasCompactForms || names.Length >= 256 ? MarshalType.Tuple : MarshalType.SmallTuple;
        node = node is not null && node.Type == type ? node : null;
        if (!TryBeginShareable(t, node, type, StringRole.NameTuple))
        {
            if (type == MarshalType.SmallTuple)
            {
                WriteByte((byte)names.Length);
            }
            else
            {
                WriteInt32(names.Length);
            }

            var children = node?.Children is { } c && c.Length == names.Length ? c : null;
            for (var k = 0; k < names.Length; k++)
            {
                WriteObject(names[k], children?[k], StringRole.Identifier);
            }
        }

        depth--;
    }

    private static bool IsShareable(PyObject value) => value is PyString or PyBytes or PyInt or PyFloat or PyComplex or PyTuple or PyFrozenSet or PySlice;


    private int Occurrences(PyObject value)
    {
        occurrences ??= CountOccurrences();
        return occurrences.TryGetValue(value, out var n) ? n : 0;
    }

    // Counts the values that would be shared where they sit, the way writing meets them: a repeated value is written
    // once and then referenced, so its contents are only counted the first time.
    private Dictionary<PyObject, int> CountOccurrences()
    {
        var counts = new Dictionary<PyObject, int>();
        var stack = new Stack<(PyObject Value, StringRole Role)>();
        stack.Push((root, StringRole.Value));
        while (stack.Count > 0)
        {
            var (v, role) = stack.Pop();
            if (Shareable(v, role))
            {
                counts.TryGetValue(v, out var n);
                counts[v] = n + 1;
                if (n > 0)
                {
                    continue;
                }
            }

            switch (v)
            {
                case PyTuple t: PushAll(stack, t.Items, role == StringRole.NameTuple ? StringRole.Identifier : StringRole.Value); break;
                case PyList l: PushAll(stack, l.Items, StringRole.Value); break;
                case PySet s: PushAll(stack, s.Items, StringRole.Value); break;
                case PyFrozenSet s: PushAll(stack, s.Items, StringRole.Value); break;
                case PyDict d: PushEntries(stack, d.Entries); break;
                case PyFrozenDict d: PushEntries(stack, d.Entries); break;
                case PySlice s:
                    stack.Push((s.Step, StringRole.Value));
                    stack.Push((s.Stop, StringRole.Value));
                    stack.Push((s.Start, StringRole.Value));
                    break;
                case PyCode c:
                    PushCode(stack, c);
                    break;
            }
        }

        return counts;
    }

    private void PushCode(Stack<(PyObject, StringRole)> stack, PyCode c)
    {
        // Pushed in reverse marshal order, so they pop in marshal order.
        foreach (var field in format.CodeLayout.Fields.Reverse())
        {
            switch (field)
            {
                case CodeField.Code: stack.Push((new PyBytes(c.Code), StringRole.CodeBytes)); break;
                case CodeField.Consts: stack.Push((new PyTuple(c.Consts), StringRole.Own)); break;
                case CodeField.Names: PushNames(stack, c.Names); break;
                case CodeField.VarNames: PushNames(stack, c.VarNames); break;
                case CodeField.FreeVars: PushNames(stack, c.FreeVars); break;
                case CodeField.CellVars: PushNames(stack, c.CellVars); break;
                case CodeField.LocalsPlusNames: PushNames(stack, c.LocalsPlusNames); break;
                case CodeField.LocalsPlusKinds: stack.Push((new PyBytes(c.LocalsPlusKinds), StringRole.OwnUnmerged)); break;
                case CodeField.Filename: stack.Push((c.Filename, StringRole.Filename)); break;
                case CodeField.Name: stack.Push((c.Name, StringRole.Identifier)); break;
                case CodeField.QualName when c.QualName is not null:
                    stack.Push((c.QualName, c.QualName.Equals(c.Name) ? StringRole.Identifier : StringRole.Value));
                    break;
                case CodeField.LineTable: stack.Push((new PyBytes(c.LineTable), StringRole.Table)); break;
                case CodeField.ExceptionTable: stack.Push((new PyBytes(c.ExceptionTable), StringRole.Table)); break;
            }
        }
    }

    private static void PushNames(Stack<(PyObject, StringRole)> stack, ImmutableArray<PyString> names) =>
        stack.Push((new PyTuple(ImmutableArray<PyObject>.CastUp(names)), StringRole.NameTuple));

    private static void PushAll(Stack<(PyObject, StringRole)> stack, ImmutableArray<PyObject> items, StringRole role)
    {
        for (var i = items.Length - 1; i >= 0; i--)
        {
            stack.Push((items[i], role));
        }
    }

    private static void PushEntries(Stack<(PyObject, StringRole)> stack, ImmutableArray<KeyValuePair<PyObject, PyObject>> entries)
    {
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            stack.Push((entries[i].Value, StringRole.Value));
            stack.Push((entries[i].Key, StringRole.Value));
        }
    }

    private void WriteText(string text)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(text);
        WriteByte((byte)bytes.Length);
        WriteBytes(bytes);
    }

    private void WriteDouble(double d)
    {
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(eight, d);
        WriteBytes(eight);
    }

    private void WriteInt32(int v)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(four, v);
        WriteBytes(four);
    }

    private void WriteByte(byte b)
    {
        Ensure(1);
        buffer[length++] = b;
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (length + extra > buffer.Length)
        {
            var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + extra));
            buffer.AsSpan(0, length).CopyTo(bigger);
            if (buffer.Length > 0)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }

            buffer = bigger;
        }
    }
}

/// <summary>
/// Where a value sits, which decides how CPython would have shared it: identifiers are interned (one object per
/// value), the filename is one object per module, constants are merged by value across a module's code objects
/// (3.8+), and a code object's own fields (bytecode, tables, name tuples) are distinct objects.
/// </summary>
internal enum StringRole
{
    Value,
    Identifier,
    Filename,
    Own,
    NameTuple,
    Table,
    OwnUnmerged,
    CodeBytes,
}
