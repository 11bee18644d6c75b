using System.Globalization;
using System.Text;
using ByteFluent.Model;

namespace ByteFluent.Assembly.Verification;

/// <summary>
/// The listing errors end with: every code list entry, labels as <c>L1:</c> lines (jumps say <c>to L1</c>), each
/// instruction with its index, byte offset and <c>// depth N</c> before it (or <c>// unreached</c>).
/// </summary>
internal static class VerificationListing
{
    private const int MaxLines = 400;

    public static string Render(CodeList list, AssemblyLayout layout, IReadOnlyList<StackShape?> before, IReadOnlyList<bool> reached, int focus)
    {
        var names = new Dictionary<Label, string>();
        foreach (var item in list)
        {
            if (item is Label l && !names.ContainsKey(l))
            {
                names[l] = l.Name ?? "L" + (names.Count + 1).ToString(CultureInfo.InvariantCulture);
            }
        }

        var lines = new List<string>();
        var focusLine = 0;
        var slot = 0;
        foreach (var item in list)
        {
            switch (item)
            {
                case Label l:
                    lines.Add(names[l] + ":");
                    break;
                case Instr ins when slot < layout.Slots.Count:
                    var s = layout.Slots[slot];
                    var arg = ins.Arg is Label target ? "to " + (names.TryGetValue(target, out var n) ? n : "?") : ins.Arg is null ? string.Empty : CodeListFormatter.FormatArg(ins.Arg);
                    var depth = slot < reached.Count && reached[slot] ? "// depth " + StackShape.DepthOf(before[slot]).ToString(CultureInfo.InvariantCulture) : "// unreached";
                    var mark = slot == focus ? "-->" : "   ";
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{mark}{slot,5} {s.Offset,6} {ins.Opcode.Name + (arg.Length > 0 ? " " + arg : string.Empty),-44} {depth}"));
                    if (slot == focus)
                    {
                        focusLine = lines.Count - 1;
                    }

                    slot++;
                    break;
                case TryBegin t:
                    lines.Add($"      try: handler {(names.TryGetValue(t.Region.Handler, out var h) ? h : "?")}, depth {t.Region.Depth}{(t.Region.Lasti ? ", lasti" : string.Empty)}");
                    break;
                case TryEnd:
                    lines.Add("      end try");
                    break;
            }
        }

        // Long code: the lines around the problem.
        var first = lines.Count <= MaxLines ? 0 : Math.Clamp(focusLine - (MaxLines / 2), 0, lines.Count - MaxLines);
        var sb = new StringBuilder();
        if (first > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"   ... {first} lines before\n");
        }

        foreach (var line in lines.Skip(first).Take(MaxLines))
        {
            sb.Append(line).Append('\n');
        }

        if (first + MaxLines < lines.Count)
        {
            sb.Append(CultureInfo.InvariantCulture, $"   ... {lines.Count - first - MaxLines} lines after\n");
        }

        return sb.ToString();
    }
}
