using System.Globalization;
using System.Text;

namespace ByteFluent.Marshal;

/// <summary>Python-3-style representations of values (for listings and messages).</summary>
public static class PyRepr
{
    /// <summary>The representation of <paramref name="value"/>.</summary>
    public static string Of(PyObject value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent outside 1e-4..1e16.</summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        // Shortest round-trip digits and decimal exponent from .NET's "E16"-free shortest form.
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = r.StartsWith('-');
        if (negative)
        {
            r = r[1..];
        }

        var exp = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.');
        var intPart = dot >= 0 ? r[..dot] : r;
        var frac = dot >= 0 ? r[(dot + 1)..] : string.Empty;
        var digits = (intPart + frac).TrimStart('0');
        var leadingZeros = (intPart + frac).Length - (intPart + frac).TrimStart('0').Length;
        var pointPos = intPart.Length + exp - leadingZeros; // digits[0] is at 10^(pointPos-1)
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var decExp = pointPos - 1;
        string body;
        if (decExp is >= -4 and < 16)
        {
            if (pointPos <= 0)
            {
                body = "0." + new string('0', -pointPos) + digits;
            }
            else if (pointPos >= digits.Length)
            {
                body = digits + new string('0', pointPos - digits.Length) + ".0";
            }
            else
            {
                body = digits[..pointPos] + "." + digits[pointPos..];
            }
        }
        else
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = mantissa + "e" + (decExp < 0 ? "-" : "+") + Math.Abs(decExp).ToString("00", CultureInfo.InvariantCulture);
        }

        return negative ? "-" + body : body;
    }

    /// <summary>Python's <c>repr(complex)</c>.</summary>
    public static string Complex(double real, double imag)
    {
        static string Part(double x)
        {
            var s = Float(x);
            return s.EndsWith(".0", StringComparison.Ordinal) ? s[..^2] : s;
        }

        if (real == 0 && !double.IsNegative(real))
        {
            return Part(imag) + "j";
        }

        var im = Part(imag);
        var sign = im.StartsWith('-') ? string.Empty : "+";
        return "(" + Part(real) + sign + im + "j)";
    }

    /// <summary>Python's <c>repr(bytes)</c>.</summary>
    public static string Bytes(ReadOnlySpan<byte> bytes)
    {
        var quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        var sb = new StringBuilder("b").Append(quote);
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case var q when q == quote: sb.Append('\\').Append(quote); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                default:
                    if (b is < 0x20 or >= 0x7F)
                    {
                        sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append((char)b);
                    }

                    break;
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>Python's <c>repr(str)</c> (with a <c>b</c> prefix for Python 2 byte strings).</summary>
    public static string String(PyString s)
    {
        var sb = new StringBuilder();
        if (s.IsPy2ByteString)
        {
            sb.Append('b');
        }

        var quote = s.Value.Contains('\'') && !s.Value.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (var cp in s.CodePoints())
        {
            if (cp == quote || cp == '\\')
            {
                sb.Append('\\').Append((char)cp);
            }
            else if (cp == '\n')
            {
                sb.Append("\\n");
            }
            else if (cp == '\r')
            {
                sb.Append("\\r");
            }
            else if (cp == '\t')
            {
                sb.Append("\\t");
            }
            else if (cp < 0x20 || cp == 0x7F || (s.IsPy2ByteString && cp >= 0x80))
            {
                sb.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (cp is >= 0xD800 and <= 0xDFFF || (cp >= 0x80 && IsNonPrintable(cp)))
            {
                sb.Append(cp <= 0xFF ? "\\x" + cp.ToString("x2", CultureInfo.InvariantCulture)
                    : cp <= 0xFFFF ? "\\u" + cp.ToString("x4", CultureInfo.InvariantCulture)
                    : "\\U" + cp.ToString("x8", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(char.ConvertFromUtf32(cp));
            }
        }

        return sb.Append(quote).ToString();
    }

    private static bool IsNonPrintable(int cp)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(cp);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
            or UnicodeCategory.SpaceSeparator && cp != ' ';
    }

    private static void Append(StringBuilder sb, PyObject value, int depth)
    {
        if (depth > 50)
        {
            sb.Append("...");
            return;
        }

        switch (value)
        {
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
                BigDecimal.Append(sb, i.Value);
                break;
            case PyFloat f:
                sb.Append(Float(f.Value));
                break;
            case PyComplex c:
                sb.Append(Complex(c.Real, c.Imag));
                break;
            case PyBytes b:
                sb.Append(Bytes(b.Value.AsSpan()));
                break;
            case PyString s:
                sb.Append(String(s));
                break;
            case PyTuple t:
                sb.Append('(');
                AppendItems(sb, t.Items, depth);
                sb.Append(t.Count == 1 ? ",)" : ")");
                break;
            case PyList l:
                sb.Append('[');
                AppendItems(sb, l.Items, depth);
                sb.Append(']');
                break;
            case PySet s:
                if (s.Count == 0)
                {
                    sb.Append("set()");
                    break;
                }

                sb.Append('{');
                AppendItems(sb, s.Items, depth);
                sb.Append('}');
                break;
            case PyFrozenSet s:
                sb.Append("frozenset(");
                if (s.Count > 0)
                {
                    sb.Append('{');
                    AppendItems(sb, s.Items, depth);
                    sb.Append('}');
                }

                sb.Append(')');
                break;
            case PyDict d:
                AppendEntries(sb, d.Entries, depth);
                break;
            case PyFrozenDict d:
                sb.Append("frozendict(");
                AppendEntries(sb, d.Entries, depth);
                sb.Append(')');
                break;
            case PySlice s:
                sb.Append("slice(");
                Append(sb, s.Start, depth + 1);
                sb.Append(", ");
                Append(sb, s.Stop, depth + 1);
                sb.Append(", ");
                Append(sb, s.Step, depth + 1);
                sb.Append(')');
                break;
            case PyCode c:
                sb.Append("<code object ").Append(c.Name.Value).Append(", file \"").Append(c.Filename.Value)
                    .Append("\", line ").Append(c.FirstLineNo.ToString(CultureInfo.InvariantCulture)).Append('>');
                break;
            default:
                sb.Append(value.TypeName);
                break;
        }
    }

    private static void AppendItems(StringBuilder sb, IEnumerable<PyObject> items, int depth)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            Append(sb, item, depth + 1);
        }
    }

    private static void AppendEntries(StringBuilder sb, IEnumerable<KeyValuePair<PyObject, PyObject>> entries, int depth)
    {
        sb.Append('{');
        var first = true;
        foreach (var e in entries)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            Append(sb, e.Key, depth + 1);
            sb.Append(": ");
            Append(sb, e.Value, depth + 1);
        }

        sb.Append('}');
    }
}
