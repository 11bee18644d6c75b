using System.Collections.Generic;
using System.Linq;
using ByteFluent.Generators.Json;
using ByteFluent.Generators.Model;

namespace ByteFluent.Generators.Tables;

/// <summary>
/// Turns the JSON of one opcode table (docs/opcode-table-format.md, format 1) into a <see cref="TableModel"/>,
/// checking every field; any problem is a <see cref="TableFormatException"/> pointing at the offending value.
/// </summary>
internal static class TableReader
{
    public const int SupportedFormat = 1;

    /// <summary>Members every generated class has; an opcode may not take one of these names.</summary>
    private static readonly HashSet<string> ReservedNames =
    [
        "Table", "Version", "Magic", "HaveArgument", "Wordcode", "OpMap", "OpName", "CmpOp", "ExtendedArg", "FromNumber", "FromName",
        "StackEffect", "Specialized", "Instrumented", "Pseudo", "CoFlags", "ArgumentValues", "CreateDefinition",
    ];

    private static readonly string[] Categories = ["real", "specialized", "instrumented", "pseudo"];

    /// <summary>Reads a table.</summary>
    /// <exception cref="TableFormatException">The JSON is invalid or does not describe a consistent table.</exception>
    /// <exception cref="UnsupportedFormatException">The table declares a format this generator does not know.</exception>
    public static TableModel Read(string fileName, string @namespace, string text)
    {
        var root = JsonParser.Parse(text) as JsonObject
                   ?? throw new TableFormatException("the table must be a JSON object", 0, 0);

        var format = Int(root, "format");
        if (format != SupportedFormat)
        {
            throw new UnsupportedFormatException(format, root.Get("format")!);
        }

        var className = Identifier(root, "className");
        var version = Str(root, "version");
        if (!IsVersion(version))
        {
            throw new TableFormatException($"\"version\" must be of the form X.Y, not \"{version}\"", root.Get("version")!);
        }

        var implementation = OptionalStr(root, "implementation") ?? "cpython";
        if (implementation is not ("cpython" or "pypy"))
        {
            throw new TableFormatException($"\"implementation\" must be \"cpython\" or \"pypy\", not \"{implementation}\"", root.Get("implementation")!);
        }

        var opcodesValue = ArrayOf(root, "opcodes");
        var opcodes = new List<OpcodeModel>();
        var byName = new Dictionary<string, OpcodeModel>();
        var numbers = new HashSet<int>();
        var identifiers = new HashSet<string>();
        var argumentNames = ReadArgumentNames(root);
        var namedOpcodes = new HashSet<string>(argumentNames.Select(g => g.Opcode));
        foreach (var item in opcodesValue.Items)
        {
            var op = ReadOpcode(item, namedOpcodes);
            if (byName.ContainsKey(op.Name))
            {
                throw new TableFormatException($"opcode {op.Name} is listed twice", item);
            }

            if (!numbers.Add(op.Number))
            {
                throw new TableFormatException($"opcode number {op.Number} ({op.Name}) is used twice", item);
            }

            if (!identifiers.Add(op.Identifier))
            {
                throw new TableFormatException($"opcode {op.Name} would get the field name {op.Identifier}, which another opcode already has", item);
            }

            byName.Add(op.Name, op);
            opcodes.Add(op);
        }

        if (opcodes.Count == 0)
        {
            throw new TableFormatException("\"opcodes\" is empty", opcodesValue);
        }

        foreach (var op in opcodes)
        {
            foreach (var name in op.Targets.Concat(op.Deopt is null ? [] : new[] { op.Deopt }))
            {
                if (!byName.ContainsKey(name))
                {
                    throw new TableFormatException($"opcode {op.Name} refers to {name}, which is not in \"opcodes\"", opcodesValue);
                }
            }
        }

        var sets = ReadSets(root, byName);
        var extendedArg = Int(root, "extendedArg");
        if (!numbers.Contains(extendedArg))
        {
            throw new TableFormatException($"\"extendedArg\" is {extendedArg}, which is not an opcode number", root.Get("extendedArg")!);
        }

        var magicBytes = Str(root, "magicBytes");
        if (magicBytes.Length != 8 || !magicBytes.All(IsHex))
        {
            throw new TableFormatException("\"magicBytes\" must be 8 hexadecimal digits", root.Get("magicBytes")!);
        }

        return new TableModel(
            fileName,
            @namespace,
            className,
            version,
            OptionalStr(root, "interpreter") ?? version,
            OptionalStr(root, "source") ?? string.Empty,
            Int(root, "magic"),
            magicBytes.ToLowerInvariant(),
            OptionalInt(root, "marshalVersion") ?? 0,
            Int(root, "haveArgument"),
            extendedArg,
            Bool(root, "wordcode"),
            opcodes.OrderBy(o => o.Number).ToEquatableArray(),
            sets,
            ReadStrings(root.Get("cmpOp"), "cmpOp").ToEquatableArray(),
            argumentNames,
            ReadCoFlags(root),
            implementation == "pypy");
    }

    private static OpcodeModel ReadOpcode(JsonValue value, HashSet<string> namedOpcodes)
    {
        var obj = value as JsonObject ?? throw new TableFormatException("each opcode must be an object", value);
        var name = Str(obj, "name");
        var identifier = FieldName(name);
        if (!IsIdentifier(identifier))
        {
            throw new TableFormatException($"opcode name \"{name}\" does not make a C# identifier (letters, digits, _; '+' becomes '_')", obj.Get("name")!);
        }

        if (ReservedNames.Contains(identifier))
        {
            throw new TableFormatException($"opcode name {name} would collide with a member of the generated class", obj.Get("name")!);
        }

        var number = Int(obj, "number");
        if (number < 0 || number > 65535)
        {
            throw new TableFormatException($"opcode {name} has number {number}, outside 0–65535", obj.Get("number")!);
        }

        var category = Str(obj, "category");
        if (!Categories.Contains(category))
        {
            throw new TableFormatException($"opcode {name} has category \"{category}\"; expected one of {string.Join(", ", Categories)}", obj.Get("category")!);
        }

        var hasArg = Bool(obj, "hasArg");
        var sets = ReadStrings(obj.Get("sets"), "sets");
        var cache = OptionalInt(obj, "cache") ?? 0;
        if (cache < 0)
        {
            throw new TableFormatException($"opcode {name} has a negative cache count", obj.Get("cache")!);
        }

        FormulaModel? noJump = null;
        FormulaModel? jump = null;
        if (obj.Get("stackEffect") is { } effect and not JsonNull)
        {
            var effects = effect as JsonObject ?? throw new TableFormatException($"\"stackEffect\" of {name} must be an object", effect);
            noJump = ReadFormula(effects.Get("noJump") ?? throw new TableFormatException($"\"stackEffect\" of {name} has no \"noJump\"", effects));
            jump = effects.Get("jump") is { } j and not JsonNull ? ReadFormula(j) : null;
        }

        var pops = obj.Get("pops") is { } p and not JsonNull ? ReadFormula(p) : null;
        var deopt = OptionalStr(obj, "deopt");
        var targets = ReadStrings(obj.Get("targets"), "targets");
        return new OpcodeModel(
            name, identifier, number, category, hasArg, sets.ToEquatableArray(), cache, noJump, jump, pops, deopt, targets.ToEquatableArray(),
            ArgumentKinds.Classify(hasArg, category == "pseudo", sets, namedOpcodes.Contains(name)));
    }

    private static FormulaModel ReadFormula(JsonValue value)
    {
        var obj = value as JsonObject ?? throw new TableFormatException("a stack formula must be an object", value);
        foreach (var member in obj.Members)
        {
            if (member.Key is not ("base" or "arg" or "lo" or "hi" or "mask" or "table" or "cases"))
            {
                throw new TableFormatException($"unknown stack formula term \"{member.Key}\"", member.Value);
            }
        }

        var mask = OptionalInt(obj, "mask") ?? 0;
        var table = obj.Get("table") is { } t ? ReadInts(t, "table") : new List<int> { 0 };
        if (table.Count == 0 || mask < 0 || mask >= table.Count)
        {
            throw new TableFormatException($"a stack formula's mask ({mask}) must be less than its table's length ({table.Count})", obj);
        }

        var cases = new SortedDictionary<int, int>();
        if (obj.Get("cases") is { } casesValue)
        {
            var array = casesValue as JsonArray ?? throw new TableFormatException("\"cases\" must be an array of [oparg, value] pairs", casesValue);
            foreach (var item in array.Items)
            {
                var pair = ReadInts(item, "cases");
                if (pair.Count != 2 || pair[0] < 0 || cases.ContainsKey(pair[0]))
                {
                    throw new TableFormatException("each case must be a distinct [oparg, value] pair with oparg >= 0", item);
                }

                cases.Add(pair[0], pair[1]);
            }
        }

        return new FormulaModel(
            OptionalInt(obj, "base") ?? 0,
            OptionalInt(obj, "arg") ?? 0,
            OptionalInt(obj, "lo") ?? 0,
            OptionalInt(obj, "hi") ?? 0,
            mask,
            table.ToEquatableArray(),
            cases.SelectMany(c => new[] { c.Key, c.Value }).ToEquatableArray());
    }

    private static EquatableArray<SetModel> ReadSets(JsonObject root, Dictionary<string, OpcodeModel> byName)
    {
        var value = root.Get("sets") ?? throw new TableFormatException("missing \"sets\"", root);
        var obj = value as JsonObject ?? throw new TableFormatException("\"sets\" must be an object", value);
        var sets = new List<SetModel>();
        foreach (var member in obj.Members)
        {
            if (!member.Key.StartsWith("has", System.StringComparison.Ordinal) || !IsIdentifier(member.Key))
            {
                throw new TableFormatException($"set name \"{member.Key}\" is not a has* name", member.Value);
            }

            var names = ReadStrings(member.Value, member.Key);
            foreach (var n in names)
            {
                if (!byName.TryGetValue(n, out var op))
                {
                    throw new TableFormatException($"set {member.Key} holds {n}, which is not in \"opcodes\"", member.Value);
                }

                if (!op.Sets.Contains(member.Key))
                {
                    throw new TableFormatException($"set {member.Key} holds {n}, but that opcode's \"sets\" does not list {member.Key}", member.Value);
                }
            }

            sets.Add(new SetModel(member.Key, names.Distinct().ToEquatableArray()));
        }

        foreach (var op in byName.Values)
        {
            foreach (var s in op.Sets)
            {
                if (!sets.Any(set => set.Name == s && set.Opcodes.Contains(op.Name)))
                {
                    throw new TableFormatException($"opcode {op.Name} lists set {s}, but \"sets\".{s} does not hold it", value);
                }
            }
        }

        return sets.ToEquatableArray();
    }

    private static EquatableArray<ArgumentGroupModel> ReadArgumentNames(JsonObject root)
    {
        if (root.Get("argumentNames") is not { } value || value is JsonNull)
        {
            return EquatableArray<ArgumentGroupModel>.Empty;
        }

        var obj = value as JsonObject ?? throw new TableFormatException("\"argumentNames\" must be an object", value);
        var groups = new List<ArgumentGroupModel>();
        foreach (var member in obj.Members)
        {
            var array = member.Value as JsonArray ?? throw new TableFormatException($"\"argumentNames\".{member.Key} must be an array", member.Value);
            var values = new List<ArgumentNameModel>();
            foreach (var item in array.Items)
            {
                var entry = item as JsonObject ?? throw new TableFormatException("each named argument must be an object", item);
                values.Add(new ArgumentNameModel(Int(entry, "value"), Str(entry, "name"), OptionalStr(entry, "symbol")));
            }

            groups.Add(new ArgumentGroupModel(member.Key, values.ToEquatableArray()));
        }

        return groups.ToEquatableArray();
    }

    private static EquatableArray<CoFlagModel> ReadCoFlags(JsonObject root)
    {
        if (root.Get("coFlags") is not { } value || value is JsonNull)
        {
            return EquatableArray<CoFlagModel>.Empty;
        }

        var obj = value as JsonObject ?? throw new TableFormatException("\"coFlags\" must be an object", value);
        return obj.Members.Select(m =>
        {
            if (!IsIdentifier(m.Key))
            {
                throw new TableFormatException($"flag name \"{m.Key}\" is not an identifier", m.Value);
            }

            return new CoFlagModel(m.Key, ToInt(m.Value, m.Key));
        }).ToEquatableArray();
    }

    private static List<string> ReadStrings(JsonValue? value, string what)
    {
        if (value is null or JsonNull)
        {
            return [];
        }

        var array = value as JsonArray ?? throw new TableFormatException($"\"{what}\" must be an array of strings", value);
        return array.Items.Select(i => (i as JsonString)?.Value ?? throw new TableFormatException($"\"{what}\" must hold strings", i)).ToList();
    }

    private static List<int> ReadInts(JsonValue value, string what)
    {
        var array = value as JsonArray ?? throw new TableFormatException($"\"{what}\" must be an array of integers", value);
        return array.Items.Select(i => ToInt(i, what)).ToList();
    }

    private static JsonArray ArrayOf(JsonObject obj, string key)
    {
        var v = obj.Get(key) ?? throw new TableFormatException($"missing \"{key}\"", obj);
        return v as JsonArray ?? throw new TableFormatException($"\"{key}\" must be an array, not {v.Kind}", v);
    }

    private static string Identifier(JsonObject obj, string key)
    {
        var s = Str(obj, key);
        if (!IsIdentifier(s))
        {
            throw new TableFormatException($"\"{key}\" must be a C# identifier (letters, digits, _), not \"{s}\"", obj.Get(key)!);
        }

        return s;
    }

    private static string Str(JsonObject obj, string key)
        => OptionalStr(obj, key) ?? throw new TableFormatException($"missing \"{key}\"", obj);

    private static string? OptionalStr(JsonObject obj, string key)
    {
        var v = obj.Get(key);
        return v switch
        {
            null or JsonNull => null,
            JsonString s => s.Value,
            _ => throw new TableFormatException($"\"{key}\" must be a string, not {v.Kind}", v),
        };
    }

    private static int Int(JsonObject obj, string key)
        => OptionalInt(obj, key) ?? throw new TableFormatException($"missing \"{key}\"", obj);

    private static int? OptionalInt(JsonObject obj, string key)
    {
        var v = obj.Get(key);
        return v is null or JsonNull ? null : ToInt(v, key);
    }

    private static int ToInt(JsonValue v, string what)
    {
        if (v is not JsonNumber n)
        {
            throw new TableFormatException($"\"{what}\" must be an integer, not {v.Kind}", v);
        }

        if (n.Value < int.MinValue || n.Value > int.MaxValue)
        {
            throw new TableFormatException($"\"{what}\" is out of the 32-bit range", v);
        }

        return (int)n.Value;
    }

    private static bool Bool(JsonObject obj, string key)
    {
        var v = obj.Get(key) ?? throw new TableFormatException($"missing \"{key}\"", obj);
        return v is JsonBool b ? b.Value : throw new TableFormatException($"\"{key}\" must be true or false, not {v.Kind}", v);
    }

    private static bool IsVersion(string s)
    {
        var parts = s.Split('.');
        return parts.Length == 2 && parts.All(p => p.Length is > 0 and < 4 && p.All(char.IsDigit));
    }

    /// <summary>The C# field name of an opcode: its CPython name, with '+' (2.7's <c>SLICE+0</c>) made '_' as byteplay did.</summary>
    internal static string FieldName(string name) => name.Replace('+', '_');

    internal static bool IsIdentifier(string s)
        => s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => c == '_' || (c < 128 && char.IsLetterOrDigit(c)));

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
}

/// <summary>A table whose <c>format</c> this generator does not understand.</summary>
internal sealed class UnsupportedFormatException(int format, JsonValue at) : System.Exception
{
    public int Format { get; } = format;

    public JsonValue At { get; } = at;
}
