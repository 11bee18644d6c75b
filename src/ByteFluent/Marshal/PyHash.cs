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

    /// <summary>Whether any of <paramref name="items"/> is a container (whose comparison and hash may be deep).</summary>
    public static bool HoldsContainers(ImmutableArray<PyObject> items)
    {
        foreach (var item in items)
        {
            if (IsContainer(item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any key or value of <paramref name="entries"/> is a container.</summary>
    public static bool HoldsContainers(ImmutableArray<KeyValuePair<PyObject, PyObject>> entries)
    {
        foreach (var entry in entries)
        {
            if (IsContainer(entry.Key) || IsContainer(entry.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsContainer(PyObject item) =>
        item is PyTuple or PyList or PySet or PyFrozenSet or PyDict or PyFrozenDict or PyCode or PySlice;

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

    // Entry arrays and slices that hold containers: memoized like the element arrays above.
    private static readonly ConditionalWeakTable<KeyValuePair<PyObject, PyObject>[], StrongBox<int>> EntryHashes = new();
    private static readonly ConditionalWeakTable<PySlice, StrongBox<int>> SliceHashes = new();

    public static int Entries(ImmutableArray<KeyValuePair<PyObject, PyObject>> entries)
    {
        if (!HoldsContainers(entries))
        {
            return ComputeEntries(entries);
        }

        var array = ImmutableCollectionsMarshal.AsArray(entries)!;
        if (EntryHashes.TryGetValue(array, out var known))
        {
            return known.Value;
        }

        var h = ComputeEntries(entries);
        EntryHashes.AddOrUpdate(array, new StrongBox<int>(h));
        return h;
    }

    public static int Slice(PySlice slice)
    {
        if (SliceHashes.TryGetValue(slice, out var known))
        {
            return known.Value;
        }

        var h = HashCode.Combine(9, slice.Start.GetHashCode(), slice.Stop.GetHashCode(), slice.Step.GetHashCode());
        SliceHashes.AddOrUpdate(slice, new StrongBox<int>(h));
        return h;
    }

    private static int ComputeEntries(ImmutableArray<KeyValuePair<PyObject, PyObject>> entries)
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
