using System.Collections.Generic;
using System.Linq;
using System.Text;
using ByteFluent.Generators.Model;

namespace ByteFluent.Generators.Emit;

/// <summary>C# names for builder methods and argument enums, derived from CPython's names.</summary>
internal static class BuilderNaming
{
    /// <summary>Members of <c>CodeBuilder</c> an opcode method must not hide.</summary>
    private static readonly HashSet<string> Reserved =
    [
        "Build", "Emit", "Append", "Line", "Position", "DefineLabel", "MarkLabel", "ToCode", "ToPyc", "SavePyc", "Items",
        "Version", "Table", "Options", "BeginTry", "EndTry", "Try", "Equals", "GetHashCode", "ToString", "GetType",
    ];

    /// <summary><c>LOAD_FAST</c> → <c>LoadFast</c>, <c>SLICE_0</c> → <c>Slice0</c>; "Op" appended on a clash with a builder member.</summary>
    public static string Method(string identifier)
    {
        var name = Pascal(identifier);
        return Reserved.Contains(name) ? name + "Op" : name;
    }

    /// <summary>PascalCase of an underscore-separated name; parts already in mixed case keep their case.</summary>
    public static string Pascal(string text)
    {
        var sb = new StringBuilder();
        foreach (var part in text.Split('_'))
        {
            var clean = new string(part.Where(char.IsLetterOrDigit).ToArray());
            if (clean.Length == 0)
            {
                continue;
            }

            var allUpper = clean.All(c => !char.IsLetter(c) || char.IsUpper(c));
            sb.Append(char.ToUpperInvariant(clean[0]));
            sb.Append(allUpper ? clean.Substring(1).ToLowerInvariant() : clean.Substring(1));
        }

        return sb.ToString();
    }

    /// <summary>The enum type for an opcode's named argument values.</summary>
    public static string EnumType(string opcode) => opcode switch
    {
        "BINARY_OP" => "BinaryOperator",
        "CALL_INTRINSIC_1" => "Intrinsic1",
        "CALL_INTRINSIC_2" => "Intrinsic2",
        "MAKE_FUNCTION" => "MakeFunctionFlags",
        "SET_FUNCTION_ATTRIBUTE" => "FunctionAttribute",
        "FORMAT_VALUE" => "FormatConversion",
        "CONVERT_VALUE" => "Conversion",
        "LOAD_COMMON_CONSTANT" => "CommonConstant",
        "LOAD_SPECIAL" => "SpecialMethod",
        _ => Pascal(opcode) + "Argument",
    };

    /// <summary>Enum members for named values (prefixes like <c>NB_</c> dropped, unique, valid identifiers).</summary>
    public static IReadOnlyList<(string Member, ArgumentNameModel Value)> EnumMembers(ArgumentGroupModel group)
    {
        var used = new HashSet<string>();
        var result = new List<(string, ArgumentNameModel)>();
        foreach (var v in group.Values)
        {
            var raw = v.Name;
            foreach (var prefix in new[] { "NB_", "INTRINSIC_1_", "INTRINSIC_2_", "INTRINSIC_" })
            {
                if (raw.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    raw = raw.Substring(prefix.Length);
                    break;
                }
            }

            var name = v.Name.Length == 0 ? "None" : Pascal(raw);
            if (name.Length == 0 || char.IsDigit(name[0]))
            {
                name = "Value" + Text.Int(v.Value);
            }

            while (!used.Add(name))
            {
                name += Text.Int(v.Value);
            }

            result.Add((name, v));
        }

        return result;
    }

    /// <summary>Whether named values are bit flags (all distinct powers of two).</summary>
    public static bool IsFlags(ArgumentGroupModel group) =>
        group.Values.Count > 1 && group.Values.All(v => v.Value > 0 && (v.Value & (v.Value - 1)) == 0);

    /// <summary>Enum members for <c>cmp_op</c>.</summary>
    public static string CompareMember(string symbol, int index) => symbol switch
    {
        "<" => "LessThan",
        "<=" => "LessOrEqual",
        "==" => "Equal",
        "!=" => "NotEqual",
        ">" => "GreaterThan",
        ">=" => "GreaterOrEqual",
        "in" => "In",
        "not in" => "NotIn",
        "is" => "Is",
        "is not" => "IsNot",
        "exception match" => "ExceptionMatch",
        "BAD" => "Bad",
        _ => Pascal(symbol.Replace(' ', '_')) is { Length: > 0 } p && !char.IsDigit(p[0]) ? p : "Operator" + Text.Int(index),
    };
}
