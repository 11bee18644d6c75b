using System.Collections.Immutable;

namespace ByteFluent.Marshal;

/// <summary>Hash codes consistent with the values' equality.</summary>
internal static class PyHash
{
    public static int Bytes(ReadOnlySpan<byte> bytes)
    {
        var h = default(HashCode);
        h.AddBytes(bytes);
        return h.ToHashCode();
    }

    public static int Items(ImmutableArray<PyObject> items, int seed)
    {
        var h = default(HashCode);
        h.Add(seed);
        h.Add(items.Length);
        foreach (var item in items)
        {
            h.Add(item.GetHashCode());
        }

        return h.ToHashCode();
    }

    public static int Entries(ImmutableArray<KeyValuePair<PyObject, PyObject>> entries)
    {
        var h = default(HashCode);
        h.Add(entries.Length);
        foreach (var e in entries)
        {
            h.Add(e.Key.GetHashCode());
            h.Add(e.Value.GetHashCode());
        }

        return h.ToHashCode();
    }
}
