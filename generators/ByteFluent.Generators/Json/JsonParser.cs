using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ByteFluent.Generators.Json;

/// <summary>
/// A small strict JSON reader for opcode tables (the generator cannot load System.Text.Json inside the compiler).
/// Integers only; floats, comments and trailing commas are errors.
/// </summary>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private JsonParser(string text)
    {
        _text = text;
    }

    /// <summary>Parses a whole document.</summary>
    /// <exception cref="TableFormatException">The text is not valid JSON (the exception carries the offset).</exception>
    public static JsonValue Parse(string text)
    {
        var parser = new JsonParser(text);
        if (parser._pos < text.Length && text[0] == '\uFEFF')
        {
            parser._pos++;
        }

        var value = parser.ReadValue();
        parser.SkipWhitespace();
        if (parser._pos != text.Length)
        {
            throw parser.Error("unexpected text after the end of the JSON document");
        }

        return value;
    }

    private JsonValue ReadValue()
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of file");
        }

        switch (_text[_pos])
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"':
                var start = _pos;
                var s = ReadString();
                return new JsonString(start, _pos, s);
            case 't':
                return ReadLiteral("true", (a, b) => new JsonBool(a, b, true));
            case 'f':
                return ReadLiteral("false", (a, b) => new JsonBool(a, b, false));
            case 'n':
                return ReadLiteral("null", (a, b) => new JsonNull(a, b));
            default:
                return ReadNumber();
        }
    }

    private JsonObject ReadObject()
    {
        var start = _pos;
        Enter();
        _pos++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return new JsonObject(start, _pos, members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a property name in double quotes");
            }

            var key = ReadString();
            SkipWhitespace();
            Expect(':');
            members.Add(new KeyValuePair<string, JsonValue>(key, ReadValue()));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect('}');
            _depth--;
            return new JsonObject(start, _pos, members);
        }
    }

    private JsonArray ReadArray()
    {
        var start = _pos;
        Enter();
        _pos++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return new JsonArray(start, _pos, items);
        }

        while (true)
        {
            items.Add(ReadValue());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(']');
            _depth--;
            return new JsonArray(start, _pos, items);
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < ' ')
            {
                _pos--;
                throw Error("control character in a string");
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("invalid \\u escape");
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    _pos -= 2;
                    throw Error("invalid escape sequence");
            }
        }
    }

    private JsonNumber ReadNumber()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        var digitsStart = _pos;
        while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9')
        {
            _pos++;
        }

        if (_pos == digitsStart)
        {
            _pos = start;
            throw Error("unexpected character '" + _text[start] + "'");
        }

        if (_pos < _text.Length && (_text[_pos] == '.' || _text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos = start;
            throw Error("only integers are allowed in an opcode table");
        }

        if (_pos - digitsStart > 1 && _text[digitsStart] == '0')
        {
            _pos = start;
            throw Error("leading zeros are not allowed");
        }

        if (!long.TryParse(_text.Substring(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _pos = start;
            throw Error("integer out of range");
        }

        return new JsonNumber(start, _pos, value);
    }

    private JsonValue ReadLiteral(string word, System.Func<int, int, JsonValue> make)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            throw Error("unexpected character '" + _text[_pos] + "'");
        }

        var start = _pos;
        _pos += word.Length;
        return make(start, _pos);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("nesting is too deep");
        }
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error(_pos >= _text.Length ? "unexpected end of file, expected '" + c + "'" : "expected '" + c + "'");
        }

        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
        {
            _pos++;
        }
    }

    private TableFormatException Error(string message)
        => new TableFormatException("invalid JSON: " + message, _pos, _pos < _text.Length ? 1 : 0);
}

/// <summary>A problem in a table file, with the span of text it concerns.</summary>
internal sealed class TableFormatException(string message, int start, int length) : System.Exception(message)
{
    public int Start { get; } = start;

    public int Length { get; } = length;

    public TableFormatException(string message, JsonValue at)
        : this(message, at.Start, at.End - at.Start)
    {
    }
}
