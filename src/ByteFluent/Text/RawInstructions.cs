using System.Globalization;
using ByteFluent.Versions;

namespace ByteFluent.Text;

/// <summary>
/// The raw instruction lines of a <c>.raw</c> code section: each instruction of <c>co_code</c> as stored, its opcode
/// by name (<c>&lt;N&gt;</c> when the version has none of that number) and its argument byte(s) as a number, with
/// nothing resolved, so that any byte string (unknown opcodes, out-of-range indexes, jumps anywhere, caches and
/// instrumented opcodes) is written and read back unchanged. Wordcode (3.6+): one line per two-byte unit. Before:
/// an opcode from <see cref="OpcodeTable.HaveArgument"/> up takes a two-byte argument. Bytes left over at the end
/// (an odd byte, a cut argument) are a <c>.bytes HEX</c> line.
/// </summary>
internal static class RawInstructions
{
    /// <summary>The lines for <paramref name="code"/>.</summary>
    public static IEnumerable<string> Units(OpcodeTable table, ReadOnlySpan<byte> code)
    {
        var lines = new List<string>();
        var i = 0;
        while (i < code.Length)
        {
            var op = code[i];
            var width = table.Wordcode ? 2 : op >= table.HaveArgument ? 3 : 1;
            if (i + width > code.Length)
            {
                lines.Add(".bytes " + Convert.ToHexString(code[i..]).ToLowerInvariant());
                break;
            }

            var arg = width switch
            {
                1 => (int?)null,
                2 => code[i + 1],
                _ => code[i + 1] | (code[i + 2] << 8),
            };
            lines.Add(arg is { } a ? Name(table, op) + " " + a.ToString(CultureInfo.InvariantCulture) : Name(table, op));
            i += width;
        }

        return lines;
    }

    /// <summary>The opcode's name when the version's table has one of that number that reads back as it, else <c>&lt;N&gt;</c>.</summary>
    public static string Name(OpcodeTable table, int number) =>
        table.TryGetOpcode(number, out var op) && table.TryGetOpcode(op.Name, out var back) && back.Number == number
            ? op.Name
            : "<" + number.ToString(CultureInfo.InvariantCulture) + ">";

    /// <summary>The opcode number of a raw line's first word (a name of the version or <c>&lt;N&gt;</c>), or null.</summary>
    public static int? Number(OpcodeTable table, string word)
    {
        if (word.Length > 2 && word[0] == '<' && word[^1] == '>')
        {
            return int.TryParse(word.AsSpan(1, word.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 255 ? n : null;
        }

        return table.TryGetOpcode(word, out var op) && op.Number is >= 0 and <= 255 ? op.Number : null;
    }
}
