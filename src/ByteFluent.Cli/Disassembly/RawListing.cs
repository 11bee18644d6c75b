using System.Globalization;
using System.Text;
using ByteFluent.Assembly;
using ByteFluent.Cli.Console;
using ByteFluent.Diff;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Disassembly;

/// <summary>
/// <c>dis --raw</c>: the code as it sits in <c>co_code</c>, one line per code unit like <c>python -m dis --show-caches</c>
/// — source line, jump-target mark, byte offset, the bytes in hex, opcode, numeric argument, and what the argument
/// means; EXTENDED_ARG prefixes and inline CACHE entries get lines of their own.
/// </summary>
internal static class RawListing
{
    public static string Format(PyCode code, PythonVersion version, Palette palette, OpcodeTable? table = null)
    {
        var dialect = table is null ? BytecodeDialect.For(version) : BytecodeDialect.For(table);
        var bytes = code.Code.ToArray();
        var raws = dialect.Encoding.Decode(dialect.Table, bytes);
        var meanings = Meanings(code, version, raws, dialect);
        var targets = raws.Where(r => BytecodeDialect.IsJump(r.Opcode)).Select(dialect.JumpTarget).ToHashSet();
        var marks = LineMarks(code, dialect);
        var wide = dialect.Encoding.UnitSize == 1;
        var sb = new StringBuilder();
        var markIndex = 0;
        int? shownLine = null;
        var first = true;

        void Unit(int offset, int size, string name, string arg, string meaning, bool dim)
        {
            string line = string.Empty;
            while (markIndex < marks.Count && marks[markIndex].Offset <= offset)
            {
                var l = marks[markIndex++].Location.Line;
                if (l != shownLine || first)
                {
                    line = l?.ToString(CultureInfo.InvariantCulture) ?? "-";
                    shownLine = l;
                }
            }

            first = false;
            var hex = Convert.ToHexString(bytes, offset, size).ToLowerInvariant();
            var spaced = string.Join(' ', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(2 * i, 2)));
            var target = targets.Contains(offset) ? ">>" : string.Empty;
            var text = new StringBuilder();
            text.Append(palette.Line(line.PadLeft(5))).Append(' ')
                .Append(palette.Label(target.PadLeft(2))).Append(' ')
                .Append(offset.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append("  ")
                .Append(palette.Dim(spaced.PadRight(wide ? 8 : 5))).Append("  ")
                .Append(dim ? palette.Dim(name.PadRight(24)) : palette.Opcode(name.PadRight(24)))
                .Append(' ').Append(palette.Arg(arg.PadLeft(5)));
            if (meaning.Length > 0 && meaning != arg)
            {
                text.Append("  ").Append(meaning.StartsWith("to ", StringComparison.Ordinal) ? palette.Label(meaning) : palette.Arg("(" + meaning + ")"));
            }

            sb.Append(text.ToString().TrimEnd()).Append('\n');
        }

        for (var i = 0; i < raws.Count; i++)
        {
            var r = raws[i];
            var prefixSize = wide ? 3 : 2;
            var offset = r.Offset;
            for (var p = 0; p < r.Prefixes; p++, offset += prefixSize)
            {
                var prefixArg = wide ? bytes[offset + 1] | (bytes[offset + 2] << 8) : bytes[offset + 1];
                Unit(offset, prefixSize, "EXTENDED_ARG", prefixArg.ToString(CultureInfo.InvariantCulture), string.Empty, dim: true);
            }

            var mainSize = wide ? (r.Opcode.HasArg ? 3 : 1) : 2;
            var shownArg = r.Opcode.HasArg || !wide ? r.Arg.ToString(CultureInfo.InvariantCulture) : string.Empty;
            Unit(offset, mainSize, r.Opcode.Name, shownArg, meanings[i], dim: false);
            for (offset += mainSize; offset < r.End; offset += 2)
            {
                Unit(offset, 2, "CACHE", (bytes[offset] | (bytes[offset + 1] << 8)).ToString(CultureInfo.InvariantCulture), string.Empty, dim: true);
            }
        }

        return sb.ToString();
    }

    /// <summary>What each instruction's argument means, from the model (which decodes tables and packed bits); jumps as target offsets.</summary>
    private static string[] Meanings(PyCode code, PythonVersion version, IReadOnlyList<RawInstruction> raws, BytecodeDialect dialect)
    {
        var meanings = new string[raws.Count];
        Array.Fill(meanings, string.Empty);
        List<Instr> instrs;
        try
        {
            instrs = [.. Code.FromCode(code, version).CodeList.OfType<Instr>()];
        }
        catch (BytecodeFormatException)
        {
            return meanings;
        }

        // 1.0–2.2's SET_LINENO instructions are line markers of the model: their argument is the line.
        var paired = raws.Count(r => !dialect.IsLineMarkerInstruction(r));
        if (instrs.Count != paired)
        {
            return meanings;
        }

        for (int i = 0, k = 0; i < raws.Count; i++)
        {
            if (dialect.IsLineMarkerInstruction(raws[i]))
            {
                meanings[i] = "line " + raws[i].Arg.ToString(CultureInfo.InvariantCulture);
                continue;
            }

            meanings[i] = instrs[k++].Arg switch
            {
                null => string.Empty,
                Label => "to " + dialect.JumpTarget(raws[i]).ToString(CultureInfo.InvariantCulture),
                var arg => ValueText.Of(arg),
            };
        }

        return meanings;
    }

    private static IReadOnlyList<LineMark> LineMarks(PyCode code, BytecodeDialect dialect)
    {
        try
        {
            return dialect.Lines.Decode(code.LineTable.AsSpan(), code.FirstLineNo);
        }
        catch (BytecodeFormatException)
        {
            return [];
        }
    }
}
