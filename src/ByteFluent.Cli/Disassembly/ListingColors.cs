using System.Text;
using ByteFluent.Cli.Console;

namespace ByteFluent.Cli.Disassembly;

/// <summary>
/// Colors byteplay's printcodelist layout (<see cref="Model.CodeList.ToString"/>): line number, <c>&gt;&gt;</c>, index,
/// opcode, argument. The layout has fixed columns up to the opcode, so the text is split there.
/// </summary>
internal static class ListingColors
{
    private const int OpcodeColumn = 16;

    public static string Apply(string listing, Palette palette)
    {
        if (!palette.Enabled)
        {
            return listing;
        }

        var sb = new StringBuilder(listing.Length * 2);
        foreach (var line in listing.Split('\n'))
        {
            if (line.Length <= OpcodeColumn)
            {
                sb.Append(line).Append('\n');
                continue;
            }

            var rest = line[OpcodeColumn..];
            sb.Append(palette.Line(line[..3])).Append(line[3..8]).Append(palette.Label(line[8..10])).Append(line[10..OpcodeColumn]);
            if (rest.StartsWith("try:", StringComparison.Ordinal) || rest.StartsWith("end try", StringComparison.Ordinal))
            {
                sb.Append(palette.Label(rest));
            }
            else
            {
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? rest : rest[..space];
                var tail = space < 0 ? string.Empty : rest[space..];
                var arg = tail.TrimStart();
                sb.Append(palette.Opcode(name)).Append(tail[..(tail.Length - arg.Length)])
                    .Append(arg.StartsWith("to ", StringComparison.Ordinal) ? palette.Label(arg) : palette.Arg(arg));
            }

            sb.Append('\n');
        }

        return sb.ToString(0, sb.Length - 1);
    }
}
