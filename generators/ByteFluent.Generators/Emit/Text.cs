using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ByteFluent.Generators.Model;

namespace ByteFluent.Generators.Emit;

/// <summary>Invariant-culture formatting of numbers, literals, formulas and version ranges for generated code and docs.</summary>
internal static class Text
{
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Signed(int value) => value > 0 ? "+" + Int(value) : Int(value);

    /// <summary>A C# string literal.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Text made safe inside an XML doc comment.</summary>
    public static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Whether a formula's table adds nothing beyond a constant (the runtime folds it into the base).</summary>
    public static bool IsUniform(FormulaModel f) => f.Table.All(t => t == f.Table[0]);

    /// <summary>The formula as an expression of <c>oparg</c>; the same text as <c>StackFormula.ToString()</c>.</summary>
    public static string Formula(FormulaModel f)
    {
        var uniform = IsUniform(f);
        var @base = f.Base + (uniform ? f.Table[0] : 0);
        var depends = f.Arg != 0 || f.Lo != 0 || f.Hi != 0 || !uniform;
        var sb = new StringBuilder();
        if (@base != 0 || !depends)
        {
            sb.Append(Int(@base));
        }

        Term(sb, f.Arg, "oparg");
        Term(sb, f.Lo, "(oparg & 0xFF)");
        Term(sb, f.Hi, "(oparg >> 8)");
        if (!uniform)
        {
            Term(sb, 1, "[" + string.Join(", ", f.Table.Select(Int)) + "][oparg & " + Int(f.Mask) + "]");
        }

        if (f.Cases.Count > 0)
        {
            var cases = new List<string>();
            for (var i = 0; i < f.Cases.Count; i += 2)
            {
                cases.Add(Int(f.Cases[i + 1]) + " if oparg == " + Int(f.Cases[i]));
            }

            sb.Append(" (").Append(string.Join(", ", cases)).Append(')');
        }

        return sb.ToString();
    }

    /// <summary>The term-by-term sum (pushes = pops + net effect).</summary>
    public static FormulaModel Add(FormulaModel a, FormulaModel b)
    {
        var mask = a.Mask | b.Mask;
        var table = new int[mask + 1];
        for (var i = 0; i <= mask; i++)
        {
            table[i] = a.Table[i & a.Mask] + b.Table[i & b.Mask];
        }

        var cases = new SortedDictionary<int, int>();
        for (var i = 0; i < a.Cases.Count; i += 2)
        {
            cases[a.Cases[i]] = a.Evaluate(a.Cases[i]) + b.Evaluate(a.Cases[i]);
        }

        for (var i = 0; i < b.Cases.Count; i += 2)
        {
            cases[b.Cases[i]] = a.Evaluate(b.Cases[i]) + b.Evaluate(b.Cases[i]);
        }

        var terms = new FormulaModel(a.Base + b.Base, a.Arg + b.Arg, a.Lo + b.Lo, a.Hi + b.Hi, mask, table.ToEquatableArray(), EquatableArray<int>.Empty);

        // A case whose value the terms already give says nothing.
        return terms with
        {
            Cases = cases.Where(c => terms.Evaluate(c.Key) != c.Value).SelectMany(c => new[] { c.Key, c.Value }).ToEquatableArray(),
        };
    }

    /// <summary>A formula for docs: a signed constant, or the expression in <c>&lt;c&gt;</c>.</summary>
    public static string DocFormula(FormulaModel f, bool signed = false)
    {
        var text = Formula(f);
        var isConstant = f.Arg == 0 && f.Lo == 0 && f.Hi == 0 && IsUniform(f) && f.Cases.Count == 0;
        if (isConstant)
        {
            return signed ? Signed(f.Base + f.Table[0]) : text;
        }

        return "<c>" + Xml(text) + "</c>";
    }

    /// <summary>Labels joined into runs of consecutive tables with the same major version: "2.7, 3.6–3.10".</summary>
    public static string Ranges(IReadOnlyList<string> allLabels, IReadOnlyList<int> present)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < present.Count)
        {
            var j = i;
            while (j + 1 < present.Count && present[j + 1] == present[j] + 1 && Major(allLabels[present[j + 1]]) == Major(allLabels[present[i]]))
            {
                j++;
            }

            parts.Add(j == i ? allLabels[present[i]] : allLabels[present[i]] + "–" + allLabels[present[j]]);
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    private static string Major(string label)
    {
        var dot = label.IndexOf('.');
        return dot < 0 ? label : label.Substring(0, dot);
    }

    private static void Term(StringBuilder sb, int coefficient, string term)
    {
        if (coefficient == 0)
        {
            return;
        }

        var magnitude = Math.Abs(coefficient) == 1 ? term : Int(Math.Abs(coefficient)) + "*" + term;
        if (sb.Length == 0)
        {
            sb.Append(coefficient < 0 ? "-" : string.Empty).Append(magnitude);
        }
        else
        {
            sb.Append(coefficient < 0 ? " - " : " + ").Append(magnitude);
        }
    }
}
