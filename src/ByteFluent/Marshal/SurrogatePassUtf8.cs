using System.Text;

namespace ByteFluent.Marshal;

/// <summary>
/// UTF-8 as CPython's marshal uses it for text: strict UTF-8 (no overlong forms, nothing above U+10FFFF),
/// except that surrogate code points encoded as three bytes are allowed (the "surrogatepass" handler;
/// Python 2's codec accepts them too).
/// </summary>
internal static class SurrogatePassUtf8
{
    /// <summary>Decodes; returns null and the offset of the first bad byte when the input is not valid.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, out int errorOffset)
    {
        errorOffset = -1;
        if (Ascii.IsValid(bytes))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        var sb = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var cp = Next(bytes, ref i);
            if (cp < 0)
            {
                errorOffset = i;
                return null;
            }

            if (cp >= 0x10000)
            {
                sb.Append(char.ConvertFromUtf32(cp));
            }
            else
            {
                sb.Append((char)cp);
            }
        }

        return sb.ToString();
    }

    /// <summary>The code points of valid surrogate-pass UTF-8.</summary>
    public static IReadOnlyList<int> DecodeCodePoints(ReadOnlySpan<byte> bytes)
    {
        var list = new List<int>(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var cp = Next(bytes, ref i);
            if (cp < 0)
            {
                throw new FormatException($"invalid UTF-8 at byte {i}");
            }

            list.Add(cp);
        }

        return list;
    }

    /// <summary>Encodes a C# string: a valid surrogate pair becomes one 4-byte sequence, a lone surrogate 3 bytes.</summary>
    public static byte[] Encode(string text)
    {
        var ascii = true;
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return Encoding.ASCII.GetBytes(text);
        }

        var buffer = new List<byte>(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cp = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            Append(buffer, cp);
        }

        return [.. buffer];
    }

    /// <summary>Encodes code points (surrogates as three bytes each).</summary>
    public static byte[] EncodeCodePoints(IEnumerable<int> codePoints)
    {
        var buffer = new List<byte>();
        foreach (var cp in codePoints)
        {
            if (cp is < 0 or > 0x10FFFF)
            {
                throw new ArgumentOutOfRangeException(nameof(codePoints), cp, "a code point is in 0..0x10FFFF");
            }

            Append(buffer, cp);
        }

        return [.. buffer];
    }

    /// <summary>The number of code points in valid UTF-8.</summary>
    public static int CountCodePoints(ReadOnlySpan<byte> bytes)
    {
        var n = 0;
        foreach (var b in bytes)
        {
            if ((b & 0xC0) != 0x80)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Whether every code point of valid UTF-8 is below 256.</summary>
    public static bool IsLatin1(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b >= 0xC4)
            {
                return false;
            }
        }

        return true;
    }

    private static void Append(List<byte> buffer, int cp)
    {
        if (cp < 0x80)
        {
            buffer.Add((byte)cp);
        }
        else if (cp < 0x800)
        {
            buffer.Add((byte)(0xC0 | (cp >> 6)));
            buffer.Add((byte)(0x80 | (cp & 0x3F)));
        }
        else if (cp < 0x10000)
        {
            buffer.Add((byte)(0xE0 | (cp >> 12)));
            buffer.Add((byte)(0x80 | ((cp >> 6) & 0x3F)));
            buffer.Add((byte)(0x80 | (cp & 0x3F)));
        }
        else
        {
            buffer.Add((byte)(0xF0 | (cp >> 18)));
            buffer.Add((byte)(0x80 | ((cp >> 12) & 0x3F)));
            buffer.Add((byte)(0x80 | ((cp >> 6) & 0x3F)));
            buffer.Add((byte)(0x80 | (cp & 0x3F)));
        }
    }

    // Returns the next code point and advances, or -1 leaving i at the bad byte.
    private static int Next(ReadOnlySpan<byte> s, ref int i)
    {
        int b0 = s[i];
        if (b0 < 0x80)
        {
            i++;
            return b0;
        }

        int need, cp, min;
        if (b0 is >= 0xC2 and <= 0xDF)
        {
            need = 1;
            cp = b0 & 0x1F;
            min = 0x80;
        }
        else if (b0 is >= 0xE0 and <= 0xEF)
        {
            need = 2;
            cp = b0 & 0x0F;
            min = 0x800;
        }
        else if (b0 is >= 0xF0 and <= 0xF4)
        {
            need = 3;
            cp = b0 & 0x07;
            min = 0x10000;
        }
        else
        {
            return -1;
        }

        if (i + need >= s.Length)
        {
            return -1;
        }

        for (var k = 1; k <= need; k++)
        {
            int b = s[i + k];
            if ((b & 0xC0) != 0x80)
            {
                return -1;
            }

            cp = (cp << 6) | (b & 0x3F);
        }

        if (cp < min || cp > 0x10FFFF)
        {
            return -1;
        }

        i += need + 1;
        return cp;
    }
}
