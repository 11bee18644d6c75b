using System.Text;

namespace ByteFluent.Marshal;

/// <summary>
/// A Python string: a Python 3 <c>str</c>, a Python 2 <c>unicode</c>, or (with a 2.7 byte form) a Python 2
/// <c>str</c> whose characters are its bytes. The value is a sequence of code points, held as
/// "surrogate-pass" UTF-8 (<see cref="Utf8"/>), so that lone surrogates and a high surrogate followed by a
/// low one as two code points stay distinct from a supplementary character, exactly as in CPython.
/// Two strings are equal when their code points are equal and both are text or both are Python 2 byte
/// strings; <see cref="Form"/> (interning, ascii forms) is not compared.
/// </summary>
public sealed record PyString : PyObject
{
    private readonly byte[] utf8;

    /// <summary>Creates a string from a C# string (a valid surrogate pair is one supplementary code point).</summary>
    public PyString(string value, PyStringForm form = PyStringForm.Auto)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Form = form;
        utf8 = SurrogatePassUtf8.Encode(value);
        CheckForm();
    }

    private PyString(string value, byte[] utf8, PyStringForm form)
    {
        Value = value;
        this.utf8 = utf8;
        Form = form;
    }

    /// <summary>The string as a C# string (lone surrogates kept as such).</summary>
    public string Value { get; }

    /// <summary>One shared empty string (values are immutable), for defaults that are normally overwritten.</summary>
    internal static PyString Empty { get; } = new(string.Empty);

    /// <summary>How the string is marshalled.</summary>
    public PyStringForm Form { get; init; }

    /// <summary>The code points as surrogate-pass UTF-8 (the encoding CPython's marshal uses for text).</summary>
    public ReadOnlySpan<byte> Utf8 => utf8;

    /// <summary>Whether every code point is below 128.</summary>
    public bool IsAscii => Ascii.IsValid(utf8);

    /// <summary>Whether this is a Python 2 byte string (<c>str</c>) rather than text.</summary>
    public bool IsPy2ByteString => Form.IsPy2ByteString();

    /// <summary>The number of code points.</summary>
    public int Length => SurrogatePassUtf8.CountCodePoints(utf8);

    /// <inheritdoc/>
    public override string TypeName => "str";

    /// <summary>Creates a string from surrogate-pass UTF-8; throws <see cref="FormatException"/> when it is not valid.</summary>
    public static PyString FromUtf8(ReadOnlySpan<byte> utf8, PyStringForm form = PyStringForm.Auto)
    {
        var text = SurrogatePassUtf8.Decode(utf8, out var error) ?? throw new FormatException($"invalid UTF-8 at byte {error}");
        return new PyString(text, utf8.ToArray(), form);
    }

    /// <summary>Creates a string whose code points are the given bytes (Latin-1), as the ascii and 2.7 byte forms do.</summary>
    public static PyString FromLatin1(ReadOnlySpan<byte> bytes, PyStringForm form)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        return Ascii.IsValid(bytes) ? new PyString(text, bytes.ToArray(), form) : new PyString(text, SurrogatePassUtf8.Encode(text), form);
    }

    /// <summary>Creates a string from code points (each 0..0x10FFFF; surrogates allowed as single code points).</summary>
    public static PyString FromCodePoints(IEnumerable<int> codePoints, PyStringForm form = PyStringForm.Auto)
    {
        ArgumentNullException.ThrowIfNull(codePoints);
        var bytes = SurrogatePassUtf8.EncodeCodePoints(codePoints);
        return FromUtf8(bytes, form);
    }

    /// <summary>The code points.</summary>
    public IReadOnlyList<int> CodePoints() => SurrogatePassUtf8.DecodeCodePoints(utf8);

    /// <summary>Whether every code point fits in one byte (needed by the ascii and 2.7 byte forms).</summary>
    public bool IsLatin1() => SurrogatePassUtf8.IsLatin1(utf8);

    /// <summary>The string's code points as bytes (each must be below 256).</summary>
    /// <exception cref="MarshalWriteException">A code point is 256 or above.</exception>
    public byte[] ToLatin1()
    {
        if (IsAscii)
        {
            return utf8.ToArray();
        }

        var points = CodePoints();
        var result = new byte[points.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (points[i] > 0xFF)
            {
                throw new MarshalWriteException($"a Python 2 byte string cannot hold code point U+{points[i]:X4}");
            }

            result[i] = (byte)points[i];
        }

        return result;
    }

    /// <inheritdoc/>
    public bool Equals(PyString? other) => other is not null && IsPy2ByteString == other.IsPy2ByteString && utf8.AsSpan().SequenceEqual(other.utf8);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Bytes(utf8);

    /// <summary>Whether the other string is equal and has the same form.</summary>
    public bool StrictlyEquals(PyString? other) => Equals(other) && Form == other!.Form;

    /// <summary>Converts a C# string.</summary>
    public static implicit operator PyString(string value) => new(value);

    private void CheckForm()
    {
        if (Form is PyStringForm.Ascii or PyStringForm.AsciiInterned or PyStringForm.ShortAscii or PyStringForm.ShortAsciiInterned
            or PyStringForm.Py2Str or PyStringForm.Py2Interned && !IsLatin1())
        {
            throw new ArgumentException($"a string of form {Form} holds one byte per character; '{Value}' has larger code points.");
        }
    }
}
