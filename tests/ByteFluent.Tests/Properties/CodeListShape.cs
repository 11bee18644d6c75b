using System.Globalization;
using System.Text;
using ByteFluent.Model;

namespace ByteFluent.Tests.Properties;

/// <summary>
/// A code list as text that keeps what the code means and drops how it is spelled: one line per instruction (opcode,
/// argument, jump targets as label numbers) with the exception region that covers it innermost (handler, depth,
/// lasti), labels at the same place merged. An exception table is flat, so nested regions read back as split ranges;
/// two lists with the same shape protect every instruction with the same handler.
/// </summary>
internal static class CodeListShape
{
    public static string Of(CodeList list)
    {
        var labelNumbers = new Dictionary<Label, int>();
        var next = 0;
        var previousWasLabel = false;
        foreach (var item in list)
        {
            if (item is Label l)
            {
                labelNumbers[l] = previousWasLabel ? next - 1 : next++;
                previousWasLabel = true;
            }
            else if (item is Instr)
            {
                previousWasLabel = false;
            }
        }

        var sb = new StringBuilder();
        var open = new List<ExceptionRegion>();
        previousWasLabel = false;
        foreach (var item in list)
        {
            switch (item)
            {
                case Label l:
                    if (!previousWasLabel)
                    {
                        sb.Append("L").Append(labelNumbers[l]).Append(":\n");
                    }

                    previousWasLabel = true;
                    break;
                case TryBegin b:
                    open.Add(b.Region);
                    break;
                case TryEnd e:
                    open.Remove(e.Region);
                    break;
                case SetLineno s:
                    sb.Append(".line ").Append(s.Line?.ToString(CultureInfo.InvariantCulture) ?? "none").Append('\n');
                    break;
                case Instr ins:
                    previousWasLabel = false;
                    sb.Append(ins.Opcode.Name).Append(' ').Append(ins.Arg switch
                    {
                        null => string.Empty,
                        Label target => "L" + labelNumbers[target].ToString(CultureInfo.InvariantCulture),
                        NamedArg n => n.Value.ToString(CultureInfo.InvariantCulture),
                        var other => other.ToString(),
                    });
                    if (open.Count > 0)
                    {
                        var r = open[^1];
                        sb.Append(CultureInfo.InvariantCulture, $"  [handler L{labelNumbers[r.Handler]} depth {r.Depth}{(r.Lasti ? " lasti" : string.Empty)}]");
                    }

                    sb.Append('\n');
                    break;
            }
        }

        return sb.ToString();
    }
}
