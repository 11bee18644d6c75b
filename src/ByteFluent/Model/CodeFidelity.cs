using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Model;

/// <summary>
/// Round-trips code objects through the model (<see cref="Code.FromCode(PyCode, PythonVersion)"/> then <see cref="Code.ToCode(PythonVersion?)"/>, no edits)
/// and names the fields in which the rebuilt object differs from the original.
/// </summary>
public static class CodeFidelity
{
    /// <summary>The field names <see cref="Compare"/> reports, in order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "code", "consts", "names", "varnames", "freevars", "cellvars", "localsplusnames", "localspluskinds",
        "linetable", "exceptiontable", "stacksize", "flags", "argcount", "posonlyargcount", "kwonlyargcount",
        "nlocals", "firstlineno", "name", "qualname", "filename",
    ];

    /// <summary>
    /// Rebuilds one code object through the model. Nested code objects among its constants are carried over
    /// unchanged, so the result measures this object alone (each nested object is measured on its own).
    /// </summary>
    public static PyCode RoundTrip(PyCode original, PythonVersion version)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Code.FromCode(original, version, nested: false).ToCode(version);
    }

    /// <summary>The fields in which <paramref name="rebuilt"/> differs from <paramref name="original"/> (constants compared strictly).</summary>
    public static IReadOnlyList<string> Compare(PyCode original, PyCode rebuilt)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(rebuilt);

        // Runs once per code object of a whole tree (roundtrip --level code): plain loops, and nothing is allocated
        // for the usual answer, no difference.
        List<string>? diffs = null;
        void Check(string field, bool same)
        {
            if (!same)
            {
                (diffs ??= []).Add(field);
            }
        }

        Check("code", original.Code.AsSpan().SequenceEqual(rebuilt.Code.AsSpan()));
        Check("consts", StrictConsts(original.Consts, rebuilt.Consts));
        Check("names", StrictStrings(original.Names, rebuilt.Names));
        Check("varnames", StrictStrings(original.VarNames, rebuilt.VarNames));
        Check("freevars", StrictStrings(original.FreeVars, rebuilt.FreeVars));
        Check("cellvars", StrictStrings(original.CellVars, rebuilt.CellVars));
        Check("localsplusnames", StrictStrings(original.LocalsPlusNames, rebuilt.LocalsPlusNames));
        Check("localspluskinds", original.LocalsPlusKinds.AsSpan().SequenceEqual(rebuilt.LocalsPlusKinds.AsSpan()));
        Check("linetable", original.LineTable.AsSpan().SequenceEqual(rebuilt.LineTable.AsSpan()));
        Check("exceptiontable", original.ExceptionTable.AsSpan().SequenceEqual(rebuilt.ExceptionTable.AsSpan()));
        Check("stacksize", original.StackSize == rebuilt.StackSize);
        Check("flags", original.Flags == rebuilt.Flags);
        Check("argcount", original.ArgCount == rebuilt.ArgCount);
        Check("posonlyargcount", original.PosOnlyArgCount == rebuilt.PosOnlyArgCount);
        Check("kwonlyargcount", original.KwOnlyArgCount == rebuilt.KwOnlyArgCount);
        Check("nlocals", original.NLocals == rebuilt.NLocals);
        Check("firstlineno", original.FirstLineNo == rebuilt.FirstLineNo);
        Check("name", original.Name.StrictlyEquals(rebuilt.Name));
        Check("qualname", original.QualName is null ? rebuilt.QualName is null : original.QualName.StrictlyEquals(rebuilt.QualName));
        Check("filename", original.Filename.StrictlyEquals(rebuilt.Filename));
        return diffs ?? (IReadOnlyList<string>)[];
    }

    private static bool StrictConsts(System.Collections.Immutable.ImmutableArray<PyObject> a, System.Collections.Immutable.ImmutableArray<PyObject> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!PyEquality.Strict(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StrictStrings(System.Collections.Immutable.ImmutableArray<PyString> a, System.Collections.Immutable.ImmutableArray<PyString> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].StrictlyEquals(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
