using System.Globalization;
using System.Text;
using ByteFluent.Marshal;

namespace ByteFluent.Model;

/// <summary>byteplay's <c>printcodelist</c> layout.</summary>
internal static class CodeListFormatter
{
    public static string Format(IReadOnlyList<CodeItem> list)
    {
        // A label stands for the list index of the next real instruction.
        var labelIndex = new Dictionary<Label, int>();
        var pending = new List<Label>();
        for (var i = 0; i < list.Count; i++)
        {
            switch (list[i])
            {
                case Label l:
                    pending.Add(l);
                    break;
                case Instr:
                    foreach (var p in pending)
                    {
                        labelIndex[p] = i;
                    }

                    pending.Clear();
                    break;
            }
        }

        var sb = new StringBuilder();
        string? lineno = null;
        int? lastLine = null;
        var seenLine = false;
        var isLabel = false;
        for (var i = 0; i < list.Count; i++)
        {
            switch (list[i])
            {
                case SetLineno s:
                    // 3.11+ markers also change columns; a new group starts only when the line changes.
                    if (s.Line != lastLine || !seenLine)
                    {
                        lineno = s.Line?.ToString(CultureInfo.InvariantCulture) ?? "-";
                        sb.Append('\n');
                    }

                    lastLine = s.Line;
                    seenLine = true;
                    break;
                case Label:
                    isLabel = true;
                    break;
                case TryBegin t:
                    sb.Append(CultureInfo.InvariantCulture, $"{string.Empty,3}     {string.Empty,2} {string.Empty,4} try: handler to {Target(labelIndex, t.Region.Handler)}, depth {t.Region.Depth}{(t.Region.Lasti ? ", lasti" : string.Empty)}\n");
                    break;
                case TryEnd:
                    sb.Append(CultureInfo.InvariantCulture, $"{string.Empty,3}     {string.Empty,2} {string.Empty,4} end try\n");
                    break;
                case Instr ins:
                    var argText = ins.Arg switch
                    {
                        Label l => "to " + Target(labelIndex, l),
                        null => string.Empty,
                        _ => FormatArg(ins.Arg),
                    };
                    var text = string.Create(CultureInfo.InvariantCulture, $"{lineno ?? string.Empty,3}     {(isLabel ? ">>" : string.Empty),2} {i,4} {ins.Opcode.Name,-20} {argText}");
                    sb.Append(text.TrimEnd());
                    sb.Append('\n');
                    lineno = null;
                    isLabel = false;
                    break;
            }
        }

        return sb.ToString();
    }

    public static string FormatArg(object? arg) => arg switch
    {
        null => string.Empty,
        PyObject o => o.ToString(),
        Code c => $"<Code {c.Name.Value}>",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => arg.ToString() ?? string.Empty,
    };

    private static string Target(Dictionary<Label, int> labels, Label l) =>
        labels.TryGetValue(l, out var k) ? k.ToString(CultureInfo.InvariantCulture) : l.ToString();
}
