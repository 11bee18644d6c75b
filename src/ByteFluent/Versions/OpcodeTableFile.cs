using System.Globalization;
using System.Text.Json;

namespace ByteFluent.Versions;

/// <summary>
/// Reads an opcode table file (docs/opcode-table-format.md, format 1) at run time, the same files the source
/// generator turns into classes: e.g. a custom CPython build's table with remapped opcode numbers, given to
/// <c>bytefluent dis --table</c>. Argument kinds are derived from the <c>has*</c> sets exactly as the generator does.
/// </summary>
public static class OpcodeTableFile
{
    /// <summary>The table format this version of ByteFluent reads.</summary>
    public const int SupportedFormat = 1;

    /// <summary>Reads a table file.</summary>
    /// <exception cref="InvalidOpcodeTableException">The file is not valid JSON or not a consistent table of the supported format.</exception>
    public static OpcodeTable Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads a table from its JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="origin">What to call the table in error messages until its class name is known.</param>
    /// <exception cref="InvalidOpcodeTableException">The text is not valid JSON or not a consistent table of the supported format.</exception>
    public static OpcodeTable Parse(string json, string origin = "(json)")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidOpcodeTableException(origin, "not valid JSON: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            var reader = new Reader(origin);
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw reader.Error("the table must be a JSON object");
            }

            var format = reader.Int(root, "format");
            if (format != SupportedFormat)
            {
                throw reader.Error($"format {format}; this version of ByteFluent reads format {SupportedFormat}");
            }

            reader.Origin = reader.Str(root, "className");
            try
            {
                return new OpcodeTable(reader.Definition(root));
            }
            catch (Exception e) when (e is not InvalidOpcodeTableException && (e is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException or ArgumentException))
            {
                // A member of the wrong JSON kind, a version or number that does not parse (found by fuzzing).
                throw reader.Error("malformed member: " + e.Message);
            }
        }
    }

    /// <summary>The generator's rule (ArgumentKinds.Classify): the first set that names what the argument indexes wins.</summary>
    private static OpcodeArgumentKind Classify(bool hasArg, bool isPseudo, IReadOnlyCollection<string> sets, bool hasNamedValues)
    {
        if (!hasArg && !isPseudo)
        {
            return OpcodeArgumentKind.None;
        }

        (string Set, OpcodeArgumentKind Kind)[] order =
        [
            ("hasconst", OpcodeArgumentKind.Constant), ("hasname", OpcodeArgumentKind.Name), ("haslocal", OpcodeArgumentKind.Local),
            ("hasfree", OpcodeArgumentKind.Free), ("hasjabs", OpcodeArgumentKind.AbsoluteJump), ("hasjrel", OpcodeArgumentKind.RelativeJump),
            ("hasjump", OpcodeArgumentKind.RelativeJump), ("hascompare", OpcodeArgumentKind.Compare), ("hasexc", OpcodeArgumentKind.ExceptionHandler),
        ];
        foreach (var (set, kind) in order)
        {
            if (sets.Contains(set))
            {
                return kind;
            }
        }

        return !hasArg ? OpcodeArgumentKind.None : hasNamedValues ? OpcodeArgumentKind.NamedValue : OpcodeArgumentKind.Number;
    }

    private sealed class Reader(string origin)
    {
        public string Origin { get; set; } = origin;

        public InvalidOpcodeTableException Error(string message) => new(Origin, message);

        public OpcodeTableDefinition Definition(JsonElement root)
        {
            var version = PythonVersion.Parse(Str(root, "version"));
            var magicBytes = Str(root, "magicBytes");
            if (magicBytes.Length != 8)
            {
                throw Error("\"magicBytes\" must be 8 hexadecimal digits");
            }

            var argumentNames = new List<ArgumentNameGroup>();
            if (root.TryGetProperty("argumentNames", out var names) && names.ValueKind == JsonValueKind.Object)
            {
                foreach (var group in names.EnumerateObject())
                {
                    argumentNames.Add(new ArgumentNameGroup(group.Name, [.. group.Value.EnumerateArray().Select(v =>
                        new ArgumentName(Int(v, "value"), Str(v, "name"), v.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null))]));
                }
            }

            var named = argumentNames.Select(g => g.Opcode).ToHashSet(StringComparer.Ordinal);
            var opcodes = Array(root, "opcodes").Select(o => Opcode(o, named)).OrderBy(o => o.Number).ToList();
            var numbers = opcodes.GroupBy(o => o.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Number, StringComparer.Ordinal);
            var sets = new List<OpcodeSetDefinition>();
            if (root.TryGetProperty("sets", out var setsValue) && setsValue.ValueKind == JsonValueKind.Object)
            {
                foreach (var set in setsValue.EnumerateObject())
                {
                    var members = Strings(set.Value, set.Name).Distinct(StringComparer.Ordinal)
                        .Select(n => numbers.TryGetValue(n, out var number) ? number : throw Error($"set {set.Name} holds {n}, which is not in \"opcodes\""));
                    sets.Add(new OpcodeSetDefinition(set.Name, [.. members.Order()]));
                }
            }

            var flags = new List<CodeFlag>();
            if (root.TryGetProperty("coFlags", out var coFlags) && coFlags.ValueKind == JsonValueKind.Object)
            {
                flags.AddRange(coFlags.EnumerateObject().Select(f => new CodeFlag(f.Name, ToInt(f.Value, f.Name))));
            }

            return new OpcodeTableDefinition
            {
                ClassName = Origin,
                Version = version,
                Interpreter = OptionalStr(root, "interpreter") ?? version.ToString(),
                Source = OptionalStr(root, "source") ?? string.Empty,
                Magic = Int(root, "magic"),
                MagicBytes = [.. Enumerable.Range(0, 4).Select(i => byte.Parse(magicBytes.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))],
                MarshalVersion = root.TryGetProperty("marshalVersion", out _) ? Int(root, "marshalVersion") : 0,
                HaveArgument = Int(root, "haveArgument"),
                ExtendedArg = Int(root, "extendedArg"),
                Wordcode = Bool(root, "wordcode"),
                Opcodes = opcodes,
                Sets = sets,
                CmpOp = root.TryGetProperty("cmpOp", out var cmp) ? Strings(cmp, "cmpOp") : [],
                ArgumentNames = argumentNames,
                CoFlags = flags,
            };
        }

        private OpcodeDefinition Opcode(JsonElement o, HashSet<string> named)
        {
            var name = Str(o, "name");
            var category = Str(o, "category") switch
            {
                "real" => OpcodeCategory.Real,
                "specialized" => OpcodeCategory.Specialized,
                "instrumented" => OpcodeCategory.Instrumented,
                "pseudo" => OpcodeCategory.Pseudo,
                var other => throw Error($"opcode {name} has category \"{other}\""),
            };
            var hasArg = Bool(o, "hasArg");
            var sets = o.TryGetProperty("sets", out var s) ? Strings(s, "sets") : [];
            StackFormula? noJump = null;
            StackFormula? jump = null;
            if (o.TryGetProperty("stackEffect", out var effect) && effect.ValueKind == JsonValueKind.Object)
            {
                noJump = Formula(effect.TryGetProperty("noJump", out var nj) ? nj : throw Error($"\"stackEffect\" of {name} has no \"noJump\""));
                jump = effect.TryGetProperty("jump", out var j) && j.ValueKind == JsonValueKind.Object ? Formula(j) : null;
            }

            var pops = o.TryGetProperty("pops", out var p) && p.ValueKind == JsonValueKind.Object ? Formula(p) : (StackFormula?)null;
            var cache = o.TryGetProperty("cache", out _) ? Int(o, "cache") : 0;
            var targets = o.TryGetProperty("targets", out var t) ? Strings(t, "targets") : [];
            return new OpcodeDefinition(name, Int(o, "number"), category, hasArg, cache,
                Classify(hasArg, category == OpcodeCategory.Pseudo, sets, named.Contains(name)), noJump, jump, pops,
                OptionalStr(o, "deopt"), targets.Count > 0 ? targets : null);
        }

        private StackFormula Formula(JsonElement f)
        {
            int Term(string key) => f.TryGetProperty(key, out var v) ? ToInt(v, key) : 0;
            var table = f.TryGetProperty("table", out var t) ? t.EnumerateArray().Select(v => ToInt(v, "table")).ToArray() : [0];
            var mask = Term("mask");
            if (table.Length == 0 || mask < 0 || mask >= table.Length)
            {
                throw Error($"a stack formula's mask ({mask}) must be less than its table's length ({table.Length})");
            }

            var formula = table.All(x => x == table[0])
                ? new StackFormula(Term("base") + table[0], Term("arg"), Term("lo"), Term("hi"))
                : new StackFormula(Term("base"), Term("arg"), Term("lo"), Term("hi"), mask, table);
            if (f.TryGetProperty("cases", out var cases))
            {
                foreach (var pair in cases.EnumerateArray())
                {
                    var values = pair.EnumerateArray().Select(v => ToInt(v, "cases")).ToArray();
                    formula = values.Length == 2 ? formula.WithCase(values[0], values[1]) : throw Error("each case must be an [oparg, value] pair");
                }
            }

            return formula;
        }

        public List<string> Strings(JsonElement value, string what) => value.ValueKind switch
        {
            JsonValueKind.Null => [],
            JsonValueKind.Array => [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error($"\"{what}\" must hold strings"))],
            _ => throw Error($"\"{what}\" must be an array of strings"),
        };

        private IEnumerable<JsonElement> Array(JsonElement obj, string key) =>
            obj.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw Error($"\"{key}\" must be an array");

        public string Str(JsonElement obj, string key) => OptionalStr(obj, key) ?? throw Error($"missing \"{key}\"");

        private string? OptionalStr(JsonElement obj, string key) =>
            !obj.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString() : throw Error($"\"{key}\" must be a string");

        public int Int(JsonElement obj, string key) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var v) ? ToInt(v, key) : throw Error($"missing \"{key}\"");

        private int ToInt(JsonElement v, string what) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Error($"\"{what}\" must be a 32-bit integer");

        private bool Bool(JsonElement obj, string key) =>
            obj.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Error($"\"{key}\" must be true or false");
    }
}
