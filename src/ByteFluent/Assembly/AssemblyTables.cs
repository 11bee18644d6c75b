using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>
/// The tables a code object's arguments index — constants, names, variable names (2.7–3.10) or "locals plus"
/// (3.11+) — started from the model's own, in its order; entries an instruction needs but the model lacks are
/// appended in first-use order.
/// </summary>
internal sealed class AssemblyTables(Code model)
{
    /// <summary>co_consts (nested <see cref="Code"/> still unassembled).</summary>
    public List<object> Consts { get; } = [.. model.Consts];

    /// <summary>co_names.</summary>
    public List<PyString> Names { get; } = [.. model.Names];

    /// <summary>co_varnames (2.7–3.10).</summary>
    public List<PyString> VarNames { get; } = [.. model.VarNames];

    /// <summary>co_localsplusnames and kinds (3.11+).</summary>
    public List<(PyString Name, byte Kind)> LocalsPlus { get; } = [.. model.LocalsPlus];

    /// <summary>The index of <paramref name="value"/> in co_consts (the hinted one if it matches), appended when missing.</summary>
    public int ConstIndex(object value, int? hint)
    {
        if (hint is int h && h < Consts.Count && SameConst(Consts[h], value))
        {
            return h;
        }

        // Loops, not FindIndex with a lambda: a lambda capturing a parameter allocates its closure on every call.
        for (var k = 0; k < Consts.Count; k++)
        {
            if (SameConst(Consts[k], value))
            {
                return k;
            }
        }

        Consts.Add(value);
        return Consts.Count - 1;
    }

    /// <summary>The index of <paramref name="name"/> in <paramref name="table"/>; appended when missing and <paramref name="add"/>, else -1.</summary>
    public static int NameIndex(List<PyString> table, string name, int? hint, bool add)
    {
        if (hint is int h && h < table.Count && table[h].Value == name)
        {
            return h;
        }

        for (var k = 0; k < table.Count; k++)
        {
            if (table[k].Value == name)
            {
                return k;
            }
        }

        if (!add)
        {
            return -1;
        }

        table.Add(new PyString(name));
        return table.Count - 1;
    }

    private static bool SameConst(object a, object b) =>
        ReferenceEquals(a, b) || (a is PyObject pa && b is PyObject pb && PyEquality.Strict(pa, pb));
}
