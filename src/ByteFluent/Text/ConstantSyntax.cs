using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using ByteFluent.Marshal;

namespace ByteFluent.Text;

/// <summary>
/// How constants are written in assembly: Python literals (<c>None</c>, <c>True</c>, <c>12</c>, <c>12L</c> (2.7 long),
/// <c>1.5</c>, <c>inf</c>, <c>'text'</c>, <c>b'bytes'</c>, <c>(1, 2)</c>, <c>[…]</c>, <c>{k: v}</c>), calls for the rest
/// (<c>set(…)</c>, <c>frozenset(…)</c>, <c>slice(a, b, c)</c>, <c>frozendict({…})</c>, <c>complex(re, im)</c>,
/// <c>floatbits(0x…)</c> for floats whose text would not give the same bits, <c>Ellipsis</c>, <c>StopIteration</c>)
/// and <c>code ID</c> for a code object written in its own section. In a 2.7 file <c>'…'</c> is a Python 2 byte
/// string (<c>str</c>) and <c>u'…'</c> is <c>unicode</c>, as in Python 2.
/// </summary>
internal sealed class ConstantSyntax(bool python2)
{
    private const long CanonicalNaN = 0x7FF8000000000000;

    /// <summary>Whether 2.7 string rules apply.</summary>
    public bool Python2 => python2;

    /// <summary>Writes <paramref name="value"/> (a <see cref="PyObject"/>, or a code object named by <paramref name="codeId"/>).</summary>
    public string Format(object value, Func<object, string> codeId)
    {
        var sb = new StringBuilder();
        Append(sb, value, codeId);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, object value, Func<object, string> codeId)
    {
        switch (value)
        {
            case PyCode or Model.Code:
                sb.Append("code ").Append(Word(codeId(value)));
                break;
            case PyNone:
                sb.Append("None");
                break;
            case PyBool b:
                sb.Append(b.Value ? "True" : "False");
                break;
            case PyEllipsis:
                sb.Append("Ellipsis");
                break;
            case PyStopIteration:
                sb.Append("StopIteration");
                break;
            case PyInt i:
                Marshal.BigDecimal.Append(sb, i.Value);
                if (i.IsPython2Long)
                {
                    sb.Append('L');
                }

                break;
            case PyFloat f:
                sb.Append(Float(f.Value));
                break;
            case PyComplex c:
                sb.Append("complex(").Append(Float(c.Real)).Append(", ").Append(Float(c.Imag)).Append(')');
                break;
            case PyString s:
                sb.Append(Quote(s));
                break;
            case PyBytes b:
                sb.Append(QuoteBytes(b.Value.AsSpan(), python2 ? string.Empty : "b"));
                break;
            case PyTuple t:
                sb.Append('(');
                Items(sb, t.Items, codeId);
                sb.Append(t.Count == 1 ? ",)" : ")");
                break;
            case PyList l:
                sb.Append('[');
                Items(sb, l.Items, codeId);
                sb.Append(']');
                break;
            case PySet s:
                sb.Append("set(");
                Items(sb, s.Items, codeId);
                sb.Append(')');
                break;
            case PyFrozenSet s:
                sb.Append("frozenset(");
                Items(sb, s.Items, codeId);
                sb.Append(')');
                break;
            case PyDict d:
                Entries(sb, d.Entries, codeId);
                break;
            case PyFrozenDict d:
                sb.Append("frozendict(");
                Entries(sb, d.Entries, codeId);
                sb.Append(')');
                break;
            case PySlice s:
                sb.Append("slice(");
                Append(sb, s.Start, codeId);
                sb.Append(", ");
                Append(sb, s.Stop, codeId);
                sb.Append(", ");
                Append(sb, s.Step, codeId);
                sb.Append(')');
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name} as a constant", nameof(value));
        }
    }

    private void Items(StringBuilder sb, ImmutableArray<PyObject> items, Func<object, string> codeId)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Append(sb, items[i], codeId);
        }
    }

    private void Entries(StringBuilder sb, ImmutableArray<KeyValuePair<PyObject, PyObject>> entries, Func<object, string> codeId)
    {
        sb.Append('{');
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Append(sb, entries[i].Key, codeId);
            sb.Append(": ");
            Append(sb, entries[i].Value, codeId);
        }

        sb.Append('}');
    }

    /// <summary>A float as Python writes it when that text reads back to the same bits, else <c>floatbits(0x…)</c>.</summary>
    public static string Float(double d)
    {
        var text = PyRepr.Float(d);
        return TryParseFloat(text, out var back) && BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(d)
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"floatbits(0x{BitConverter.DoubleToInt64Bits(d):x16})");
    }

    /// <summary>A string literal: Python 3 text as <c>'…'</c>; in 2.7 byte strings as <c>'…'</c> and unicode as <c>u'…'</c>.</summary>
    public string Quote(PyString s)
    {
        var points = s.CodePoints();
        var prefix = python2 && !s.IsPy2ByteString ? "u" : string.Empty;
        var bytesLike = python2 && s.IsPy2ByteString;
        var hasSingle = points.Contains('\'');
        var quote = hasSingle && !points.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(prefix).Append(quote);
        foreach (var cp in points)
        {
            AppendCodePoint(sb, cp, quote, bytesLike);
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>A bytes literal with <paramref name="prefix"/>.</summary>
    public static string QuoteBytes(ReadOnlySpan<byte> bytes, string prefix)
    {
        var quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        var sb = new StringBuilder(prefix).Append(quote);
        foreach (var b in bytes)
        {
            AppendCodePoint(sb, b, quote, bytesLike: true);
        }

        return sb.Append(quote).ToString();
    }

    private static void AppendCodePoint(StringBuilder sb, int cp, char quote, bool bytesLike)
    {
        switch (cp)
        {
            case '\\': sb.Append("\\\\"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
        }

        if (cp == quote)
        {
            sb.Append('\\').Append(quote);
        }
        else if (cp < 0x20 || cp == 0x7F || (bytesLike && cp >= 0x80) || (cp >= 0x80 && cp <= 0xFF && IsNonPrintable(cp)))
        {
            sb.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (cp is >= 0xD800 and <= 0xDFFF || (cp >= 0x80 && IsNonPrintable(cp)))
        {
            sb.Append(cp <= 0xFFFF ? "\\u" + cp.ToString("x4", CultureInfo.InvariantCulture) : "\\U" + cp.ToString("x8", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }
    }

    private static bool IsNonPrintable(int cp)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(cp);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Whether <paramref name="text"/> can stand unquoted as one word (a name, a code object id).</summary>
    public static bool IsPlainWord(string text)
    {
        if (text.Length == 0 || text[0] is '.' or '@' or '^' or '-' or '+' || char.IsDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (AsmLexer.EndsWord(c) || c > 0x7E || c < 0x21)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> reads back as exactly one word token (operators such as <c>+=</c> included).</summary>
    public static bool IsSingleWord(string text) =>
        text.Length > 0 && text.All(c => !AsmLexer.EndsWord(c) && c is > (char)0x20 and < (char)0x7F);

    /// <summary><paramref name="text"/> as a bare word when it can be one, else quoted.</summary>
    public string Word(string text) => IsPlainWord(text) ? text : Quote(new PyString(text));

    /// <summary>Reads a constant; <paramref name="codeRef"/> resolves <c>code ID</c> (given the id and its token).</summary>
    public object Parse(AsmCursor cur, Func<string, AsmToken, AsmCursor, object> codeRef, int depth = 0)
    {
        // As deep as marshal itself allows, so that whatever a .pyc holds (and the writer writes) reads back.
        if (depth > MarshalFormat.CPythonMaxDepth)
        {
            throw cur.Error($"constant nested too deeply: marshal allows {MarshalFormat.CPythonMaxDepth} levels");
        }

        var t = cur.Next("a constant");
        switch (t.Kind)
        {
            case AsmTokenKind.String:
                return StringConstant(cur, t);
            case AsmTokenKind.Punct when t.Text == "(":
            {
                var items = new List<PyObject>();
                var sawComma = false;
                while (!cur.Accept(")"))
                {
                    items.Add(Value(Parse(cur, codeRef, depth + 1)));
                    if (cur.Accept(","))
                    {
                        sawComma = true;
                        continue;
                    }

                    if (cur.Peek is not { } close || !close.Is(")"))
                    {
                        throw cur.Error($"bad constant syntax: expected ',' or ')' in a tuple, found {cur.Peek?.Describe() ?? "the end of the line"}");
                    }
                }

                if (items.Count == 1 && !sawComma)
                {
                    throw cur.Error(t, "bad constant syntax: a one-element tuple is written (x,), with a comma");
                }

                return new PyTuple(items);
            }

            case AsmTokenKind.Punct when t.Text == "[":
                return new PyList(Sequence(cur, codeRef, "]", "a list", depth));
            case AsmTokenKind.Punct when t.Text == "{":
                return new PyDict(DictBody(cur, codeRef, depth));
            case AsmTokenKind.Punct:
                throw cur.Error(t, $"bad constant syntax: expected a constant, found '{t.Text}'");
        }

        switch (t.Text)
        {
            case "None": return PyNone.Instance;
            case "True": return PyBool.True;
            case "False": return PyBool.False;
            case "Ellipsis" or "...": return PyEllipsis.Instance;
            case "StopIteration": return PyStopIteration.Instance;
            case "code":
            {
                var id = cur.Next("the id of a code object after 'code'");
                if (id.Kind == AsmTokenKind.Punct)
                {
                    throw cur.Error(id, $"expected the id of a code object after 'code', found '{id.Text}'");
                }

                return codeRef(id.Kind == AsmTokenKind.String ? CodePointsText(id) : id.Text, id, cur);
            }

            case "set" or "frozenset":
            {
                cur.Expect("(", $"after '{t.Text}'");
                var items = Sequence(cur, codeRef, ")", $"a {t.Text}", depth);
                return t.Text == "set" ? new PySet(items) : new PyFrozenSet(items);
            }

            case "frozendict":
            {
                cur.Expect("(", "after 'frozendict'");
                cur.Expect("{", "in frozendict({...})");
                var entries = DictBody(cur, codeRef, depth);
                cur.Expect(")", "to close frozendict(");
                return new PyFrozenDict(entries);
            }

            case "slice":
            {
                cur.Expect("(", "after 'slice'");
                var items = Sequence(cur, codeRef, ")", "a slice", depth);
                if (items.Count != 3)
                {
                    throw cur.Error(t, $"bad constant syntax: slice(start, stop, step) takes 3 values, not {items.Count}");
                }

                return new PySlice(items[0], items[1], items[2]);
            }

            case "complex":
            {
                cur.Expect("(", "after 'complex'");
                var re = FloatPart(cur);
                cur.Expect(",", "between the parts of complex(re, im)");
                var im = FloatPart(cur);
                cur.Expect(")", "to close complex(re, im)");
                return new PyComplex(re, im);
            }

            case "floatbits":
                return new PyFloat(FloatBits(cur, t));
        }

        return Number(cur, t);
    }

    private PyObject StringConstant(AsmCursor cur, AsmToken t)
    {
        var points = t.CodePoints!;
        if (t.Text == "b" || (python2 && t.Text.Length == 0))
        {
            var bytes = new byte[points.Count];
            for (var i = 0; i < bytes.Length; i++)
            {
                if (points[i] > 0xFF)
                {
                    throw cur.Error(t, $"bad constant syntax: a byte string holds bytes; U+{points[i]:X4} is not one (use u'...' for text)");
                }

                bytes[i] = (byte)points[i];
            }

            return python2 ? PyString.FromLatin1(bytes, PyStringForm.Py2Str) : PyBytes.Copy(bytes);
        }

        return PyString.FromCodePoints(points);
    }

    /// <summary>The text of a string token (for names and ids).</summary>
    public static string CodePointsText(AsmToken t) => PyString.FromCodePoints(t.CodePoints!).Value;

    private List<PyObject> Sequence(AsmCursor cur, Func<string, AsmToken, AsmCursor, object> codeRef, string close, string what, int depth)
    {
        var items = new List<PyObject>();
        while (!cur.Accept(close))
        {
            items.Add(Value(Parse(cur, codeRef, depth + 1)));
            if (!cur.Accept(",") && (cur.Peek is not { } p || !p.Is(close)))
            {
                throw cur.Error($"bad constant syntax: expected ',' or '{close}' in {what}, found {cur.Peek?.Describe() ?? "the end of the line"}");
            }
        }

        return items;
    }

    private ImmutableArray<KeyValuePair<PyObject, PyObject>> DictBody(AsmCursor cur, Func<string, AsmToken, AsmCursor, object> codeRef, int depth)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<PyObject, PyObject>>();
        while (!cur.Accept("}"))
        {
            var key = Value(Parse(cur, codeRef, depth + 1));
            cur.Expect(":", "between a dict key and its value");
            var value = Value(Parse(cur, codeRef, depth + 1));
            entries.Add(KeyValuePair.Create(key, value));
            if (!cur.Accept(",") && (cur.Peek is not { } p || !p.Is("}")))
            {
                throw cur.Error($"bad constant syntax: expected ',' or '}}' in a dict, found {cur.Peek?.Describe() ?? "the end of the line"}");
            }
        }

        return entries.ToImmutable();
    }

    // Code objects inside containers are PyCode values by the time they are read.
    private static PyObject Value(object o) => o as PyObject ?? throw new InvalidOperationException("a code reference inside a container must resolve to a PyCode");

    private static double FloatPart(AsmCursor cur)
    {
        var t = cur.Next("a float");
        if (t.IsWord("floatbits"))
        {
            return FloatBits(cur, t);
        }

        if (t.Kind == AsmTokenKind.Word && TryParseFloat(t.Text, out var d))
        {
            return d;
        }

        if (t.Kind == AsmTokenKind.Word && BigInteger.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return (double)i;
        }

        throw cur.Error(t, $"bad number {t.Describe()}: expected a float");
    }

    private static double FloatBits(AsmCursor cur, AsmToken t)
    {
        cur.Expect("(", "after 'floatbits'");
        var bits = cur.Next("the 64 bits of a float as 0x followed by 16 hexadecimal digits");
        if (!bits.Text.StartsWith("0x", StringComparison.Ordinal)
            || !ulong.TryParse(bits.Text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw cur.Error(bits, $"bad number {bits.Describe()}: expected the 64 bits of a float as 0x followed by up to 16 hexadecimal digits");
        }

        cur.Expect(")", "to close floatbits(");
        _ = t;
        return BitConverter.Int64BitsToDouble((long)value);
    }

    private PyObject Number(AsmCursor cur, AsmToken t)
    {
        var text = t.Text;
        var body = text.EndsWith('L') ? text[..^1] : text;
        if (body.Length > 0 && body.All(c => char.IsAsciiDigit(c) || c == '-' || c == '+')
            && BigInteger.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            if (body.Length != text.Length)
            {
                return python2
                    ? new PyInt(big) { IsPython2Long = true }
                    : throw cur.Error(t, $"bad number '{text}': the L suffix marks a Python 2 long; this file is Python 3");
            }

            return new PyInt(big);
        }

        if (TryParseFloat(text, out var d))
        {
            return new PyFloat(d);
        }

        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text.Length > 1 && text[0] is '-' or '+' && (char.IsAsciiDigit(text[1]) || text[1] == '.'))))
        {
            throw cur.Error(t, $"bad number '{text}': expected an integer (12, -3{(python2 ? ", 12L" : string.Empty)}) or a float (1.5, 1e-05, inf, nan)");
        }

        throw cur.Error(t, $"bad constant syntax: expected a constant (None, True, False, a number, a string, (tuple,), [list], {{dict}}, set(...), frozenset(...), slice(...), complex(re, im), code ID), found '{text}'");
    }

    /// <summary>Reads Python float text: digits with a point or exponent, or inf/nan with an optional sign.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        var unsigned = text.TrimStart('+', '-');
        var negative = text.StartsWith('-');
        if (unsigned.Length == 0 || text.Length - unsigned.Length > 1)
        {
            return false;
        }

        switch (unsigned)
        {
            case "inf":
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            case "nan":
                value = BitConverter.Int64BitsToDouble(negative ? unchecked((long)0xFFF8000000000000) : CanonicalNaN);
                return true;
        }

        if (!unsigned.Any(c => c is '.' or 'e' or 'E') || !unsigned.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
        {
            return false;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
