using System.Collections.Generic;

namespace ByteFluent.Generators.Json;

/// <summary>A parsed JSON value with the span of text it came from (for diagnostics that point into the file).</summary>
internal abstract class JsonValue
{
    protected JsonValue(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }

    /// <summary>A short name of the value's type for messages ("an object", "a string", ...).</summary>
    public abstract string Kind { get; }
}

internal sealed class JsonObject(int start, int end, IReadOnlyList<KeyValuePair<string, JsonValue>> members) : JsonValue(start, end)
{
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; } = members;

    public override string Kind => "an object";

    public JsonValue? Get(string key)
    {
        foreach (var member in Members)
        {
            if (member.Key == key)
            {
                return member.Value;
            }
        }

        return null;
    }
}

internal sealed class JsonArray(int start, int end, IReadOnlyList<JsonValue> items) : JsonValue(start, end)
{
    public IReadOnlyList<JsonValue> Items { get; } = items;

    public override string Kind => "an array";
}

internal sealed class JsonString(int start, int end, string value) : JsonValue(start, end)
{
    public string Value { get; } = value;

    public override string Kind => "a string";
}

/// <summary>An integer (the table format has no floats).</summary>
internal sealed class JsonNumber(int start, int end, long value) : JsonValue(start, end)
{
    public long Value { get; } = value;

    public override string Kind => "a number";
}

internal sealed class JsonBool(int start, int end, bool value) : JsonValue(start, end)
{
    public bool Value { get; } = value;

    public override string Kind => "a boolean";
}

internal sealed class JsonNull(int start, int end) : JsonValue(start, end)
{
    public override string Kind => "null";
}
