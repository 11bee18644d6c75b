using System.Buffers;
using System.Globalization;
using System.Text;

namespace ByteFluent.Text;

/// <summary>Splits one line of assembly into tokens; <c>#</c> starts a comment outside strings.</summary>
internal static class AsmLexer
{
    /// <summary>The punctuation characters (each one token).</summary>
    public const string Punctuation = ",()[]{}:";

    private static readonly SearchValues<char> WordEnds = SearchValues.Create(" \t\r\n\f\v#'\",()[]{}:");
    private static readonly string[] PunctuationTokens = [",", "(", ")", "[", "]", "{", "}", ":"];

    /// <summary>Whether <paramref name="c"/> ends a word.</summary>
    public static bool EndsWord(char c) => WordEnds.Contains(c) || char.IsWhiteSpace(c);

    /// <summary>Tokenizes <paramref name="line"/>; errors name <paramref name="file"/> and <paramref name="lineNumber"/>.</summary>
    public static List<AsmToken> Tokenize(string line, string file, int lineNumber)
    {
        var tokens = new List<AsmToken>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t' || char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                break;
            }

            var p = Punctuation.IndexOf(c, StringComparison.Ordinal);
            if (p >= 0)
            {
                tokens.Add(new AsmToken(AsmTokenKind.Punct, PunctuationTokens[p], i + 1));
                i++;
                continue;
            }

            var start = i;
            if (c is '\'' or '"')
            {
                tokens.Add(ReadString(line, ref i, string.Empty, start, file, lineNumber));
                continue;
            }

            var length = line.AsSpan(i).IndexOfAny(WordEnds);
            i = length < 0 ? line.Length : i + length;
            while (i < line.Length && !EndsWord(line[i]))
            {
                i++;
            }

            var word = line[start..i];
            if (i < line.Length && line[i] is '\'' or '"' && word.Length <= 2 && IsPrefix(word))
            {
                var prefix = word.ToLowerInvariant();
                if (prefix is not ("b" or "u"))
                {
                    throw new AsmSyntaxException(file, lineNumber, start + 1, $"unknown string prefix '{word}': expected b'...', u'...' or '...'");
                }

                tokens.Add(ReadString(line, ref i, prefix, start, file, lineNumber));
                continue;
            }

            tokens.Add(new AsmToken(AsmTokenKind.Word, word, start + 1));
        }

        return tokens;
    }

    private static bool IsPrefix(string word)
    {
        foreach (var ch in word)
        {
            if (ch is not ('b' or 'B' or 'u' or 'U'))
            {
                return false;
            }
        }

        return true;
    }

    private static AsmToken ReadString(string line, ref int i, string prefix, int start, string file, int lineNumber)
    {
        var quote = line[i];
        var bytes = prefix == "b";
        i++;
        var points = new List<int>();
        while (true)
        {
            if (i >= line.Length)
            {
                throw new AsmSyntaxException(file, lineNumber, start + 1, $"unterminated string: expected a closing {quote} before the end of the line");
            }

            var c = line[i];
            if (c == quote)
            {
                i++;
                break;
            }

            if (c != '\\')
            {
                var rune = Rune.GetRuneAt(line, i);
                points.Add(rune.Value);
                i += rune.Utf16SequenceLength;
                continue;
            }

            var escapeColumn = i + 1;
            if (i + 1 >= line.Length)
            {
                throw new AsmSyntaxException(file, lineNumber, start + 1, $"unterminated string: expected a closing {quote} before the end of the line");
            }

            var e = line[i + 1];
            i += 2;
            switch (e)
            {
                case '\\': points.Add('\\'); break;
                case '\'': points.Add('\''); break;
                case '"': points.Add('"'); break;
                case 'n': points.Add('\n'); break;
                case 'r': points.Add('\r'); break;
                case 't': points.Add('\t'); break;
                case 'a': points.Add(7); break;
                case 'b': points.Add(8); break;
                case 'f': points.Add(12); break;
                case 'v': points.Add(11); break;
                case '0' when i >= line.Length || line[i] is < '0' or > '7': points.Add(0); break;
                case 'x': points.Add(Hex(line, ref i, 2, file, lineNumber, escapeColumn)); break;
                case 'u' when !bytes: points.Add(Hex(line, ref i, 4, file, lineNumber, escapeColumn)); break;
                case 'U' when !bytes:
                    var cp = Hex(line, ref i, 8, file, lineNumber, escapeColumn);
                    if (cp > 0x10FFFF)
                    {
                        throw new AsmSyntaxException(file, lineNumber, escapeColumn, $"\\U{cp:x8} is beyond the last code point U+10FFFF");
                    }

                    points.Add(cp);
                    break;
                default:
                    throw new AsmSyntaxException(file, lineNumber, escapeColumn, $"unknown escape \\{e}: expected \\\\, \\', \\\", \\n, \\r, \\t, \\xHH{(bytes ? string.Empty : ", \\uHHHH or \\UHHHHHHHH")}");
            }
        }

        return new AsmToken(AsmTokenKind.String, prefix, start + 1, points);
    }

    private static int Hex(string line, ref int i, int digits, string file, int lineNumber, int column)
    {
        if (i + digits > line.Length || !int.TryParse(line.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            || line.AsSpan(i, digits).ContainsAny("+- "))
        {
            throw new AsmSyntaxException(file, lineNumber, column, $"bad escape: expected {digits} hexadecimal digits after \\{line[i - 1]}");
        }

        i += digits;
        return v;
    }
}
