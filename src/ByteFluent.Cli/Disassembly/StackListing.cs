using System.Globalization;
using System.Text;
using ByteFluent.Assembly;
using ByteFluent.Cli.Console;
using ByteFluent.Model;

namespace ByteFluent.Cli.Disassembly;

/// <summary>
/// <c>dis --stack</c>: the model listing with a depth column (the stack depth before → after each instruction, from
/// <see cref="StackAnalysis"/>) and, where the stack holds items of a kind the era defines (NULL, iterator, exception,
/// finally status, return address), the stack before the instruction, bottom first, at the end of the line.
/// </summary>
internal static class StackListing
{
    private const int IndexColumn = 11;
    private const int Width = 9;

    public static string Format(Code code, Palette palette)
    {
        StackAnalysisResult analysis;
        try
        {
            analysis = StackAnalysis.Compute(code);
        }
        catch (InvalidCodeException e)
        {
            return $"  stack: cannot be analysed: {e.Message.Split('\n')[0]}\n" + ListingColors.Apply(code.CodeList.ToString(), palette);
        }

        var plain = code.CodeList.ToString().Split('\n');
        var colored = ListingColors.Apply(string.Join('\n', plain), palette).Split('\n');
        var sb = new StringBuilder();
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"{"depth",Width} (before → after each instruction; max {analysis.MaxDepth})\n"));
        for (var k = 0; k < plain.Length; k++)
        {
            var line = plain[k];
            if (line.Length == 0)
            {
                sb.Append(k == plain.Length - 1 ? string.Empty : "\n");
                continue;
            }

            var entry = InstructionAt(line, code.CodeList, analysis);
            sb.Append(entry is null ? new string(' ', Width) : palette.Dim(Column(entry))).Append(' ').Append(colored[k]);
            if (entry?.KindsBefore is { } kinds && kinds.Any(x => x != StackItemKind.Value))
            {
                sb.Append("   [").Append(string.Join(' ', kinds.Select(Short))).Append(']');
            }

            sb.Append('\n');
        }

        foreach (var problem in analysis.Problems)
        {
            sb.Append("  stack problem: ").Append(problem).Append('\n');
        }

        return sb.ToString();
    }

    private static string Column(StackAnalysisEntry e)
    {
        if (e.DepthBefore is not { } before)
        {
            return "  -      ";
        }

        var after = e.DepthAfter is { } a ? a.ToString(CultureInfo.InvariantCulture) : "?";
        return string.Create(CultureInfo.InvariantCulture, $"{before,3} → {after,-3}");
    }

    // The listing's fixed columns put the code-list index of an instruction at columns 11-14.
    private static StackAnalysisEntry? InstructionAt(string line, CodeList list, StackAnalysisResult analysis) =>
        line.Length >= IndexColumn + 4
        && int.TryParse(line.Substring(IndexColumn, 4).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index < list.Count && list[index] is Instr && index < analysis.Entries.Count
            ? analysis.Entries[index]
            : null;

    private static string Short(StackItemKind kind) => kind switch
    {
        StackItemKind.Null => "NULL",
        StackItemKind.NoneConstant => "None",
        StackItemKind.Iterator => "iter",
        StackItemKind.Exception => "exc",
        StackItemKind.FinallyStatus => "status",
        StackItemKind.ReturnAddress => "addr",
        _ => "v",
    };
}
