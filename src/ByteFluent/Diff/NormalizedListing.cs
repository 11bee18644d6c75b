using System.Globalization;
using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Diff;

/// <summary>
/// A code list as lines that do not depend on list indexes or label identities: labels are numbered
/// <c>L1</c>, <c>L2</c>, … in the order they stand in the list, so inserting an instruction changes one line of a
/// diff, not every jump after it.
/// </summary>
public static class NormalizedListing
{
    /// <summary>The lines of <paramref name="list"/>; with <paramref name="includeLines"/> false, line markers are left out.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<CodeItem> list, bool includeLines = true)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = new Dictionary<Label, string>();
        foreach (var label in list.OfType<Label>())
        {
            names.TryAdd(label, "L" + (names.Count + 1).ToString(CultureInfo.InvariantCulture));
        }

        string Name(Label l) => names.TryGetValue(l, out var n) ? n : $"<label {l} not in the list>";

        var lines = new List<string>(list.Count);
        foreach (var item in list)
        {
            switch (item)
            {
                case Label l:
                    lines.Add(Name(l) + ":");
                    break;
                case SetLineno s when includeLines:
                    lines.Add("    " + s);
                    break;
                case TryBegin t:
                    lines.Add(FormattableString.Invariant($"    try -> {Name(t.Region.Handler)} depth {t.Region.Depth}{(t.Region.Lasti ? " lasti" : string.Empty)}"));
                    break;
                case TryEnd:
                    lines.Add("    end try");
                    break;
                case Instr ins:
                    var arg = ins.Arg switch
                    {
                        null => string.Empty,
                        Label l => " " + Name(l),
                        _ => " " + ValueText.Of(ins.Arg),
                    };
                    lines.Add("    " + ins.Opcode.Name + arg);
                    break;
            }
        }

        return lines;
    }
}

/// <summary>Short text for constants and arguments in diffs: nested code objects by name, everything else by its repr.</summary>
public static class ValueText
{
    /// <summary>The text of <paramref name="value"/>.</summary>
    public static string Of(object? value) => value switch
    {
        null => "None",
        PyCode c => $"<code {c.Name.Value}>",
        Code c => $"<code {c.Name.Value}>",
        _ => CodeListFormatter.FormatArg(value),
    };
}
