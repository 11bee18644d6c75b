using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Text;

/// <summary>
/// The first entry of a table equal to a value, in constant time: what the assembler picks for an instruction that
/// names no entry (so the writer leaves out <c>@N</c> there, and the reader passes it as a hint instead of letting the
/// assembler search the table for every instruction).
/// </summary>
internal static class TableLookup
{
    /// <summary>First index of each constant; code objects by identity, values by <paramref name="comparer"/>.</summary>
    public static Dictionary<object, int> Consts(IReadOnlyList<object> consts, IEqualityComparer<PyObject> comparer)
    {
        var result = new Dictionary<object, int>(new ConstComparer(comparer));
        for (var i = 0; i < consts.Count; i++)
        {
            result.TryAdd(consts[i], i);
        }

        return result;
    }

    /// <summary>First index of each name.</summary>
    public static Dictionary<string, int> Names(IEnumerable<string> names)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var n in names)
        {
            result.TryAdd(n, i++);
        }

        return result;
    }

    /// <summary>The index the assembler gives a local, cell or free variable argument (null when it is in no table).</summary>
    public static int? Variable(Code c, bool usesLocalsPlus, bool isLocal, string name, Dictionary<string, int> locals, Dictionary<string, int> cells, Dictionary<string, int> frees)
    {
        if (usesLocalsPlus || isLocal)
        {
            return locals.TryGetValue(name, out var k) ? k : null;
        }

        return cells.TryGetValue(name, out var ci) ? ci : frees.TryGetValue(name, out var fi) ? c.CellVars.Count + fi : null;
    }

    private sealed class ConstComparer(IEqualityComparer<PyObject> values) : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y) || (x is PyObject a && y is PyObject b && values.Equals(a, b));

        public int GetHashCode(object obj) => obj is PyObject p ? values.GetHashCode(p) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

/// <summary>Value equality of constants (<see cref="PyObject.Equals(object)"/>), forms of strings ignored.</summary>
internal sealed class ValueComparer : IEqualityComparer<PyObject>
{
    /// <summary>The instance.</summary>
    public static ValueComparer Instance { get; } = new();

    /// <inheritdoc/>
    public bool Equals(PyObject? x, PyObject? y) => x is null ? y is null : x.Equals(y);

    /// <inheritdoc/>
    public int GetHashCode(PyObject obj) => obj.GetHashCode();
}
