using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    // Hash codes of element arrays that hold containers, computed once per array: values shared through marshal
    // references form a DAG whose paths are exponential in its depth, and hashing it anew at every level would walk
    // them all. Keyed by the (immutable) array, so a record copied with `with` and new items gets a new entry.
    private static readonly ConditionalWeakTable<PyObject[], StrongBox<int>> ItemHashes = new();

    public static int Items(ImmutableArray<PyObject> items, int seed)
    {
        if (!HoldsContainers(items))
        {
            return Compute(items, seed);
        }

        var array = ImmutableCollectionsMarshal.AsArray(items)!;
        if (ItemHashes.TryGetValue(array, out var known))
        {
            return HashCode.Combine(seed, known.Value);
        }

        var h = Compute(items, 0);
        ItemHashes.AddOrUpdate(array, new StrongBox<int>(h));
        return HashCode.Combine(seed, h);
    }

    private static bool HoldsContainers(ImmutableArray<PyObject> items)
    {
        foreach (var item in items)
        {
            if (item is PyTuple or PyList or PySet or PyFrozenSet or PyDict or PyFrozenDict or PyCode or PySlice)
            {
                return true;
            }
        }

        return false;
    }

    private static int Compute(ImmutableArray<PyObject> items, int seed)
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
