using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace ByteFluent.Marshal;

/// <summary>Structural comparisons of values.</summary>
public static class PyEquality
{
    /// <summary>Element-wise equality of two value lists.</summary>
    public static bool Items(ImmutableArray<PyObject> a, ImmutableArray<PyObject> b) =>
        a.Length == b.Length && (!PyHash.HoldsContainers(a)
            ? PlainItems(a.AsSpan(), b.AsSpan())
            : EqualPairs.Check(Array(a), Array(b), strict: false, static (x, y) => PlainItems(x, y)));

    /// <summary>Element-wise equality of two string lists (by value).</summary>
    public static bool Strings(ImmutableArray<PyString> a, ImmutableArray<PyString> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Entry-wise equality of two dictionaries' entry lists, in order.</summary>
    public static bool Entries(ImmutableArray<KeyValuePair<PyObject, PyObject>> a, ImmutableArray<KeyValuePair<PyObject, PyObject>> b) =>
        a.Length == b.Length && (!PyHash.HoldsContainers(a)
            ? PlainEntries(a.AsSpan(), b.AsSpan())
            : EqualPairs.Check(Array(a), Array(b), strict: false, static (x, y) => PlainEntries(x, y)));

    /// <summary>Field-wise equality of two slices.</summary>
    internal static bool Slices(PySlice a, PySlice b) =>
        EqualPairs.Check(a, b, strict: false, static (x, y) => x.Start.Equals(y.Start) && x.Stop.Equals(y.Stop) && x.Step.Equals(y.Step));

    /// <summary>Whether two sets (or frozensets) hold the same elements, in any order.</summary>
    public static bool SetEquals(IEnumerable<PyObject> a, IEnumerable<PyObject> b) => a.ToHashSet().SetEquals(b);

    /// <summary>
    /// Equality that also compares how strings are marshalled (<see cref="PyString.Form"/>), recursively:
    /// the identity CPython's compiler uses to merge constants is value plus type, and for byte-exact
    /// output the form matters too.
    /// </summary>
    public static bool Strict(PyObject? a, PyObject? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType())
        {
            return false;
        }

        return (a, b) switch
        {
            (PyString x, PyString y) => x.StrictlyEquals(y),
            (PyTuple x, PyTuple y) => StrictItems(x.Items, y.Items),
            (PyList x, PyList y) => StrictItems(x.Items, y.Items),
            (PySet x, PySet y) => StrictItems(x.Items, y.Items),
            (PyFrozenSet x, PyFrozenSet y) => StrictItems(x.Items, y.Items),
            (PyDict x, PyDict y) => StrictEntries(x.Entries, y.Entries),
            (PyFrozenDict x, PyFrozenDict y) => StrictEntries(x.Entries, y.Entries),
            (PySlice x, PySlice y) => EqualPairs.Check(x, y, strict: true, static (p, q) => Strict(p.Start, q.Start) && Strict(p.Stop, q.Stop) && Strict(p.Step, q.Step)),
            (PyCode x, PyCode y) => x.Equals(y) && StrictItems(x.Consts, y.Consts) && StrictStrings(x, y),
            _ => a.Equals(b),
        };
    }

    private static bool StrictItems(ImmutableArray<PyObject> a, ImmutableArray<PyObject> b) =>
        a.Length == b.Length && (!PyHash.HoldsContainers(a)
            ? StrictItems(a.AsSpan(), b.AsSpan())
            : EqualPairs.Check(Array(a), Array(b), strict: true, static (x, y) => StrictItems(x, y)));

    private static bool StrictEntries(ImmutableArray<KeyValuePair<PyObject, PyObject>> a, ImmutableArray<KeyValuePair<PyObject, PyObject>> b) =>
        a.Length == b.Length && (!PyHash.HoldsContainers(a)
            ? StrictEntries(a.AsSpan(), b.AsSpan())
            : EqualPairs.Check(Array(a), Array(b), strict: true, static (x, y) => StrictEntries(x, y)));

    private static T[] Array<T>(ImmutableArray<T> items) => ImmutableCollectionsMarshal.AsArray(items) ?? [];

    private static bool PlainItems(ReadOnlySpan<PyObject> a, ReadOnlySpan<PyObject> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]) && !a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool PlainEntries(ReadOnlySpan<KeyValuePair<PyObject, PyObject>> a, ReadOnlySpan<KeyValuePair<PyObject, PyObject>> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].Key.Equals(b[i].Key) || !a[i].Value.Equals(b[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StrictItems(ReadOnlySpan<PyObject> a, ReadOnlySpan<PyObject> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!Strict(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StrictEntries(ReadOnlySpan<KeyValuePair<PyObject, PyObject>> a, ReadOnlySpan<KeyValuePair<PyObject, PyObject>> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!Strict(a[i].Key, b[i].Key) || !Strict(a[i].Value, b[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StrictStrings(PyCode x, PyCode y)
    {
        static bool Same(ImmutableArray<PyString> a, ImmutableArray<PyString> b)
        {
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i].Form != b[i].Form)
                {
                    return false;
                }
            }

            return true;
        }

        return Same(x.Names, y.Names) && Same(x.VarNames, y.VarNames) && Same(x.FreeVars, y.FreeVars) && Same(x.CellVars, y.CellVars)
            && Same(x.LocalsPlusNames, y.LocalsPlusNames) && x.Filename.Form == y.Filename.Form && x.Name.Form == y.Name.Form
            && x.QualName?.Form == y.QualName?.Form;
    }
}

/// <summary>Compares values with <see cref="PyEquality.Strict"/> (for dictionaries keyed by exact marshal identity).</summary>
public sealed class StrictPyObjectComparer : IEqualityComparer<PyObject>
{
    /// <summary>The instance.</summary>
    public static StrictPyObjectComparer Instance { get; } = new();

    /// <inheritdoc/>
    public bool Equals(PyObject? x, PyObject? y) => PyEquality.Strict(x, y);

    /// <inheritdoc/>
    public int GetHashCode(PyObject obj) => obj.GetHashCode();
}
