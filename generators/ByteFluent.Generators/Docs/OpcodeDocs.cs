using System.Collections.Generic;
using System.Linq;
using ByteFluent.Generators.Json;
using ByteFluent.Generators.Model;

namespace ByteFluent.Generators.Docs;

/// <summary>
/// What one opcode does, in the project's words (from <c>*.docs.json</c>): one sentence, the stack before → after (top
/// on the right), the argument's meaning, what replaces it where it is missing, a trap; per-era overrides.
/// </summary>
internal sealed record OpcodeDoc(string Name, string Does, string Stack, string? Arg, string? Trap, string? ReplacedBy, EquatableArray<EraDoc> Eras)
{
    /// <summary>The entry as it reads for one version (the first era that contains it overrides fields; "" clears one).</summary>
    public OpcodeDoc For((int Major, int Minor) version)
    {
        foreach (var era in Eras)
        {
            if (era.Contains(version))
            {
                return new OpcodeDoc(Name, era.Does ?? Does, era.Stack ?? Stack, Pick(era.Arg, Arg), Pick(era.Trap, Trap), Pick(era.ReplacedBy, ReplacedBy), EquatableArray<EraDoc>.Empty);
            }
        }

        return this;
    }

    private static string? Pick(string? era, string? general) => era is null ? general : era.Length == 0 ? null : era;
}

/// <summary>Overrides for the versions from <see cref="From"/> to <see cref="To"/> (inclusive; null: open).</summary>
internal sealed record EraDoc(int FromMajor, int FromMinor, int ToMajor, int ToMinor, string? Does, string? Stack, string? Arg, string? Trap, string? ReplacedBy)
{
    public bool Contains((int Major, int Minor) v) =>
        v.CompareTo((FromMajor, FromMinor)) >= 0 && v.CompareTo((ToMajor, ToMinor)) <= 0;
}

/// <summary>Every opcode doc of the build, by name (value-equatable for the pipeline).</summary>
internal sealed record DocSet(EquatableArray<OpcodeDoc> Docs)
{
    public static DocSet Empty { get; } = new(EquatableArray<OpcodeDoc>.Empty);

    public OpcodeDoc? Find(string name)
    {
        foreach (var d in Docs)
        {
            if (d.Name == name)
            {
                return d;
            }
        }

        return null;
    }
}

/// <summary>Reads one <c>*.docs.json</c> file (<c>{"format": 1, "opcodes": {"NAME": {...}}}</c>).</summary>
internal static class DocsReader
{
    public static bool IsDocs(string path) => path.EndsWith(".docs.json", System.StringComparison.OrdinalIgnoreCase);

    /// <exception cref="TableFormatException">The file is not valid JSON or not in this layout.</exception>
    public static List<OpcodeDoc> Read(string text)
    {
        var root = JsonParser.Parse(text) as JsonObject ?? throw new TableFormatException("a docs file must be a JSON object", 0, 0);
        if (root.Get("opcodes") is not JsonObject opcodes)
        {
            throw new TableFormatException("a docs file needs an \"opcodes\" object", root);
        }

        var result = new List<OpcodeDoc>();
        foreach (var member in opcodes.Members)
        {
            if (member.Value is not JsonObject entry)
            {
                throw new TableFormatException($"the entry of {member.Key} must be an object", member.Value);
            }

            var eras = new List<EraDoc>();
            if (entry.Get("eras") is JsonObject erasObject)
            {
                foreach (var era in erasObject.Members)
                {
                    if (era.Value is not JsonObject e)
                    {
                        throw new TableFormatException($"era {era.Key} of {member.Key} must be an object", era.Value);
                    }

                    var (from, to) = Range(era.Key, era.Value);
                    eras.Add(new EraDoc(from.Major, from.Minor, to.Major, to.Minor, Str(e, "does"), Str(e, "stack"), Str(e, "arg"), Str(e, "trap"), Str(e, "replacedBy")));
                }
            }

            var does = Str(entry, "does") ?? throw new TableFormatException($"{member.Key} needs \"does\"", entry);
            var stack = Str(entry, "stack") ?? throw new TableFormatException($"{member.Key} needs \"stack\"", entry);
            result.Add(new OpcodeDoc(member.Key, does, stack, Str(entry, "arg"), Str(entry, "trap"), Str(entry, "replacedBy"), eras.ToEquatableArray()));
        }

        return result;
    }

    private static string? Str(JsonObject o, string key) => o.Get(key) switch
    {
        null => null,
        JsonString s => s.Value,
        var other => throw new TableFormatException($"\"{key}\" must be a string, not {other.Kind}", other),
    };

    /// <summary><c>3.11-3.12</c>, <c>3.13-</c>, <c>-3.10</c> or <c>2.7</c>.</summary>
    private static ((int Major, int Minor), (int Major, int Minor)) Range(string key, JsonValue at)
    {
        var dash = key.IndexOf('-');
        var from = dash < 0 ? key : key.Substring(0, dash);
        var to = dash < 0 ? key : key.Substring(dash + 1);
        return (from.Length == 0 ? (0, 0) : Version(from, at), to.Length == 0 ? (int.MaxValue, int.MaxValue) : Version(to, at));
    }

    private static (int, int) Version(string text, JsonValue at)
    {
        var parts = text.Split('.');
        if (parts.Length == 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor))
        {
            return (major, minor);
        }

        throw new TableFormatException($"\"{text}\" is not a version X.Y", at);
    }

    /// <summary>All files merged; the first entry of a name wins (files are ordered by name).</summary>
    public static DocSet Merge(IEnumerable<IReadOnlyList<OpcodeDoc>> files)
    {
        var seen = new HashSet<string>();
        var all = new List<OpcodeDoc>();
        foreach (var file in files)
        {
            foreach (var doc in file)
            {
                if (seen.Add(doc.Name))
                {
                    all.Add(doc);
                }
            }
        }

        return new DocSet(all.OrderBy(d => d.Name, System.StringComparer.Ordinal).ToEquatableArray());
    }
}
