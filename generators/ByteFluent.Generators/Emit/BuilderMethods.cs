using System.Collections.Generic;
using System.Linq;
using ByteFluent.Generators.Model;
using ByteFluent.Generators.Tables;

namespace ByteFluent.Generators.Emit;

/// <summary>The C# shape of one opcode method: parameters typed by what the argument means, and how they make the oparg.</summary>
internal sealed class MethodShape
{
    public string Parameters { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public List<(string Name, string Doc)> ParameterDocs { get; } = [];

    /// <summary>The argument's meaning for the docs.</summary>
    public string Argument { get; set; } = string.Empty;

    /// <summary>
    /// How the oparg follows from the parameters, for the analyzers: <c>param</c> terms joined by <c>|</c>, each optionally
    /// <c>&lt;&lt;k</c>; a leading <c>~</c> means only these low bits are known (the rest is an index the assembler picks);
    /// empty when the stack effect cannot depend on the parameters.
    /// </summary>
    public string Oparg { get; set; } = string.Empty;
}

/// <summary>Decides each opcode method's parameters from the table (argument kind, named values, packed formulas) and the era.</summary>
internal static class BuilderMethods
{
    private const string Building = "global::ByteFluent.Building.";
    private const string Model = "global::ByteFluent.Model.";

    /// <summary>Opcodes the assembler owns: they get no builder method.</summary>
    public static bool IsAssemblerOwned(OpcodeModel op) => op.Name is "CACHE" or "EXTENDED_ARG" or "EXTENDED_ARG_QUICK";

    private static readonly string[] PairedLocals = ["LOAD_FAST_LOAD_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST", "LOAD_FAST_BORROW_LOAD_FAST_BORROW"];

    public static MethodShape Shape(TableModel t, OpcodeModel op)
    {
        var v = t.VersionKey;
        var id = op.Identifier;
        var s = new MethodShape { Argument = ArgumentKinds.Describe(op.ArgumentKind) };
        switch (op.ArgumentKind)
        {
            case "None":
                s.Body = $"Emit({id})";
                break;
            case "Constant" when op.Name == "KW_NAMES":
                s.Parameters = "params string[] names";
                s.Body = $"EmitConst({id}, KeywordNames(names))";
                s.ParameterDocs.Add(("names", "The keyword arguments' names, in the order their values are on the stack (the constant is a tuple of str)."));
                s.Argument = "a constant: the tuple of keyword names";
                break;
            case "Constant":
                // Nullable so that a bare null literal means None (it would be ambiguous among the reference conversions).
                s.Parameters = $"{Building}Constant? value";
                s.Body = $"EmitConst({id}, value.GetValueOrDefault())";
                s.ParameterDocs.Add(("value", "The constant: any C# value with a conversion to <see cref=\"global::ByteFluent.Building.Constant\"/> (numbers, text, bytes, tuples, a nested code object), or <c>null</c> for <c>None</c>."));
                break;
            case "Name" when op.Name == "LOAD_GLOBAL" && v.CompareTo((3, 11)) >= 0:
                s.Parameters = "string name, bool pushNull = false";
                s.Body = $"Emit({id}, new {Model}GlobalName(name, pushNull))";
                s.ParameterDocs.Add(("name", "The global's name."));
                s.ParameterDocs.Add(("pushNull", "Also push <c>NULL</c> (the callable slot of a following call; the argument's low bit)."));
                s.Argument = "a name plus the push-NULL bit";
                s.Oparg = "~pushNull";
                break;
            case "Name" when op.Name == "LOAD_ATTR" && v.CompareTo((3, 12)) >= 0:
                s.Parameters = "string name, bool method = false";
                s.Body = $"Emit({id}, new {Model}AttrName(name, method))";
                s.ParameterDocs.Add(("name", "The attribute's name."));
                s.ParameterDocs.Add(("method", "Load as a method (pushes the method and <c>self</c>, or <c>NULL</c> and the attribute; the argument's low bit)."));
                s.Argument = "a name plus the method bit";
                s.Oparg = "~method";
                break;
            case "Name" when op.Name == "LOAD_SUPER_ATTR":
                s.Parameters = "string name, bool method = false, bool twoArguments = true";
                s.Body = $"Emit({id}, new {Model}SuperAttrName(name, method, twoArguments))";
                s.ParameterDocs.Add(("name", "The attribute's name."));
                s.ParameterDocs.Add(("method", "Load as a method (bit 0)."));
                s.ParameterDocs.Add(("twoArguments", "<c>super()</c> was called with two arguments (bit 1)."));
                s.Argument = "a name plus the method and two-argument bits";
                s.Oparg = "~method|twoArguments<<1";
                break;
            case "Name":
                s.Parameters = "string name";
                s.Body = $"Emit({id}, name)";
                s.ParameterDocs.Add(("name", "The name (an entry of <c>co_names</c>)."));
                break;
            case "Local" when PairedLocals.Contains(op.Name) && v.CompareTo((3, 13)) >= 0:
                s.Parameters = "string first, string second";
                s.Body = $"Emit({id}, new {Model}LocalPair(first, second))";
                s.ParameterDocs.Add(("first", "The first local (high four bits)."));
                s.ParameterDocs.Add(("second", "The second local (low four bits)."));
                s.Argument = "two locals among the first 16 slots";
                break;
            case "Local":
            case "Free":
                s.Parameters = "string name";
                s.Body = $"Emit({id}, name)";
                s.ParameterDocs.Add(("name", op.ArgumentKind == "Local" ? "The local variable." : "The cell or free variable."));
                break;
            case "RelativeJump":
            case "AbsoluteJump":
            case "ExceptionHandler":
                s.Parameters = $"{Building}BuilderLabel<Builder> target";
                s.Body = $"EmitJump({id}, target)";
                s.ParameterDocs.Add(("target", "Where to jump (a label of this builder)."));
                break;
            case "Compare" when v.CompareTo((3, 13)) >= 0:
                s.Parameters = "CompareOperator op, bool toBool = false";
                s.Body = $"EmitCompare({id}, CmpOp[(int)op], toBool)";
                s.ParameterDocs.Add(("op", "The comparison."));
                s.ParameterDocs.Add(("toBool", "Convert the result to <c>bool</c> (bit 16, as the compiler does before a branch)."));
                break;
            case "Compare":
                s.Parameters = "CompareOperator op";
                s.Body = $"EmitCompare({id}, CmpOp[(int)op])";
                s.ParameterDocs.Add(("op", "The comparison."));
                break;
            case "NamedValue" when t.ArgumentNames.Any(g => g.Opcode == op.Name):
                NamedValue(t, op, s);
                break;
            default:
                Number(t, op, s);
                break;
        }

        return s;
    }

    private static void NamedValue(TableModel t, OpcodeModel op, MethodShape s)
    {
        var id = op.Identifier;
        var type = BuilderNaming.EnumType(op.Name);
        if (op.Name == "FORMAT_VALUE")
        {
            s.Parameters = $"{type} conversion = {type}.None, bool formatSpec = false";
            s.Body = $"Emit({id}, (int)conversion | (formatSpec ? 4 : 0))";
            s.ParameterDocs.Add(("conversion", "<c>!s</c>, <c>!r</c>, <c>!a</c> or none."));
            s.ParameterDocs.Add(("formatSpec", "A format spec is on the stack above the value (bit 2)."));
            s.Oparg = "conversion|formatSpec<<2";
        }
        else if (BuilderNaming.IsFlags(t.ArgumentNames.First(g => g.Opcode == op.Name)))
        {
            s.Parameters = $"{type} flags = default";
            s.Body = $"Emit({id}, (int)flags)";
            s.ParameterDocs.Add(("flags", "Which extra items are on the stack."));
            s.Oparg = "flags";
        }
        else
        {
            s.Parameters = $"{type} value";
            s.Body = $"Emit({id}, (int)value)";
            s.ParameterDocs.Add(("value", "The named argument."));
            s.Oparg = "value";
        }
    }

    /// <summary>A plain number, or one of the meanings the table's formulas and the opcode's name reveal.</summary>
    private static void Number(TableModel t, OpcodeModel op, MethodShape s)
    {
        var id = op.Identifier;
        if (BuilderEnums.ForOpcode(t, op) is { } e)
        {
            s.Parameters = $"{e.Type} {e.Parameter}" + (e.Default is null ? string.Empty : " = " + e.Type + "." + e.Default);
            s.Body = $"Emit({id}, (int){e.Parameter})";
            s.ParameterDocs.Add((e.Parameter, e.ParameterDoc));
            s.Argument = e.ArgumentDoc;
            s.Oparg = e.Parameter;
            return;
        }

        if (IsPacked(op))
        {
            // Two counts in one argument: the low byte and the byte above it (2.7's calls, UNPACK_EX, ...).
            var (low, high, lowDoc, highDoc) = PackedNames(op.Name);
            s.Parameters = $"int {low}, int {high} = 0";
            s.Body = $"Emit({id}, Packed({low}, {high}, \"{low}\", \"{high}\"))";
            s.ParameterDocs.Add((low, lowDoc + " (the argument's low byte)."));
            s.ParameterDocs.Add((high, highDoc + " (the argument's second byte)."));
            s.Argument = $"{low} plus {high} × 256";
            s.Oparg = $"{low}|{high}<<8";
            return;
        }

        if (op.Name is "IS_OP" or "CONTAINS_OP")
        {
            s.Parameters = "bool invert = false";
            s.Body = $"Emit({id}, invert ? 1 : 0)";
            s.ParameterDocs.Add(("invert", op.Name == "IS_OP" ? "Test <c>is not</c> instead of <c>is</c>." : "Test <c>not in</c> instead of <c>in</c>."));
            s.Argument = "1 to invert the test";
            return;
        }

        if (op.Name == "CALL_FUNCTION_EX")
        {
            s.Parameters = "bool keywords = false";
            s.Body = $"Emit({id}, keywords ? 1 : 0)";
            s.ParameterDocs.Add(("keywords", "A mapping of keyword arguments is on the stack above the positional tuple (bit 0)."));
            s.Argument = "1 when a keyword mapping is present";
            s.Oparg = "keywords";
            return;
        }

        var name = CountName(op.Name);
        s.Parameters = "int " + name;
        s.Body = $"Emit({id}, {name})";
        s.ParameterDocs.Add((name, "The argument."));
        s.Oparg = name;
    }

    /// <summary>Whether the stack effect reads the argument's low byte and second byte separately.</summary>
    public static bool IsPacked(OpcodeModel op)
    {
        static bool Split(FormulaModel? f) => f is not null && f.Lo != 0 && f.Hi != 0;
        return Split(op.Pops) || Split(op.NoJump);
    }

    private static (string Low, string High, string LowDoc, string HighDoc) PackedNames(string opcode) =>
        opcode.StartsWith("CALL", System.StringComparison.Ordinal) ? ("positional", "keyword", "Positional arguments on the stack", "Keyword arguments, each a name and a value on the stack")
        : opcode == "UNPACK_EX" ? ("before", "after", "Targets before the starred one", "Targets after the starred one")
        : opcode is "MAKE_FUNCTION" or "MAKE_CLOSURE" ? ("positionalDefaults", "keywordDefaults", "Positional default values on the stack", "Keyword-only defaults, each a name and a value")
        : ("low", "high", "The low count", "The high count");

    private static string CountName(string opcode) =>
        opcode.StartsWith("BUILD_", System.StringComparison.Ordinal) || opcode.StartsWith("UNPACK_", System.StringComparison.Ordinal) ? "count"
        : opcode.StartsWith("CALL", System.StringComparison.Ordinal) || opcode == "PRECALL" ? "argc"
        : opcode is "MAKE_FUNCTION" or "MAKE_CLOSURE" ? "defaultCount"
        : opcode is "SWAP" or "COPY" or "ROT_N" or "DUP_TOPX" ? "depth"
        : "arg";
}
