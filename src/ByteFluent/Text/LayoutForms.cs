using System.Collections.Immutable;
using ByteFluent.Marshal;

namespace ByteFluent.Text;

/// <summary>
/// Gives each string of a value the form (interned or not, ascii, short, 2.7 <c>str</c> or interned <c>str</c>) its
/// <see cref="MarshalLayout"/> node records. Assembly text writes strings by value only; the form is part of how
/// CPython encoded the file, so it comes back from the <c>.layout</c> section. Parts that no longer fit the layout
/// (edited by hand) keep their forms.
/// </summary>
internal sealed class LayoutForms(MarshalFormat format)
{
    /// <summary>The value with the layout's string forms.</summary>
    public PyObject Apply(PyObject value, MarshalLayout? node)
    {
        if (node is null)
        {
            return value;
        }

        if (node.IsReference)
        {
            node = node.Target;
            if (node is null)
            {
                return value;
            }
        }

        switch (value)
        {
            case PyString s:
                return Form(s, node.Type) is { } form && form != s.Form ? s with { Form = form } : s;
            case PyTuple t when node.Type is MarshalType.Tuple or MarshalType.SmallTuple
                || (node.Type == MarshalType.List && format.CodeLayout.ListsForTuples):
                return new PyTuple(Items(t.Items, node));
            case PyList l when node.Type == MarshalType.List:
                return new PyList(Items(l.Items, node));
            case PySet s when node.Type == MarshalType.Set:
                return new PySet(Items(s.Items, node));
            case PyFrozenSet s when node.Type == MarshalType.FrozenSet:
                return new PyFrozenSet(Items(s.Items, node));
            case PyDict d when node.Type == MarshalType.Dict:
                return new PyDict(Entries(d.Entries, node));
            case PyFrozenDict d when node.Type == MarshalType.FrozenDict:
                return new PyFrozenDict(Entries(d.Entries, node));
            case PySlice s when node.Type == MarshalType.Slice && node.Children is { Length: 3 } c:
                return new PySlice(Apply(s.Start, c[0]), Apply(s.Stop, c[1]), Apply(s.Step, c[2]));
            case PyCode code when node.Type == format.CodeLayout.TypeCode:
                return Code(code, node);
            default:
                return value;
        }
    }

    private PyStringForm? Form(PyString s, byte type)
    {
        if (format.IsPython2)
        {
            return type switch
            {
                MarshalType.Interned when s.IsPy2ByteString => PyStringForm.Py2Interned,
                MarshalType.String when s.IsPy2ByteString => PyStringForm.Py2Str,
                MarshalType.Unicode when !s.IsPy2ByteString => PyStringForm.Unicode,
                _ => null,
            };
        }

        if (s.IsPy2ByteString)
        {
            return null;
        }

        var oneByte = s.IsLatin1();
        return type switch
        {
            MarshalType.Ascii when oneByte => PyStringForm.Ascii,
            MarshalType.AsciiInterned when oneByte => PyStringForm.AsciiInterned,
            MarshalType.ShortAscii when oneByte => PyStringForm.ShortAscii,
            MarshalType.ShortAsciiInterned when oneByte => PyStringForm.ShortAsciiInterned,
            MarshalType.Unicode => PyStringForm.Unicode,
            MarshalType.Interned => PyStringForm.Interned,

            // PyPy 3.2 writes identifiers and file names as byte strings ('s'); they read back as byte-string forms.
            MarshalType.String when oneByte && format.PythonVersion.IsPyPy => PyStringForm.Py2Str,
            _ => null,
        };
    }

    private ImmutableArray<PyObject> Items(ImmutableArray<PyObject> items, MarshalLayout node)
    {
        if (node.Children is not { } c || c.Length != items.Length)
        {
            return items;
        }

        var result = ImmutableArray.CreateBuilder<PyObject>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            result.Add(Apply(items[i], c[i]));
        }

        return result.MoveToImmutable();
    }

    private ImmutableArray<KeyValuePair<PyObject, PyObject>> Entries(ImmutableArray<KeyValuePair<PyObject, PyObject>> entries, MarshalLayout node)
    {
        if (node.Children is not { } c || c.Length != (2 * entries.Length) + 1)
        {
            return entries;
        }

        return [.. entries.Select((e, i) => KeyValuePair.Create(Apply(e.Key, c[2 * i]), Apply(e.Value, c[(2 * i) + 1])))];
    }

    private ImmutableArray<PyString> Strings(ImmutableArray<PyString> names, MarshalLayout? node)
    {
        if (node is { IsReference: true })
        {
            node = node.Target;
        }

        if (node?.Children is not { } c || c.Length != names.Length)
        {
            return names;
        }

        return [.. names.Select((n, i) => (PyString)Apply(n, c[i]))];
    }

    private PyCode Code(PyCode code, MarshalLayout node)
    {
        var fields = format.CodeLayout.Fields.Where(f => !f.IsInt32()).ToList();
        if (node.Children is not { } c || c.Length != fields.Count)
        {
            return code;
        }

        var result = code;
        for (var i = 0; i < fields.Count; i++)
        {
            var child = c[i];
            result = fields[i] switch
            {
                CodeField.Consts => result with { Consts = Apply(new PyTuple(result.Consts), child) is PyTuple t ? t.Items : result.Consts },
                CodeField.Names => result with { Names = Strings(result.Names, child) },
                CodeField.VarNames => result with { VarNames = Strings(result.VarNames, child) },
                CodeField.FreeVars => result with { FreeVars = Strings(result.FreeVars, child) },
                CodeField.CellVars => result with { CellVars = Strings(result.CellVars, child) },
                CodeField.LocalsPlusNames => result with { LocalsPlusNames = Strings(result.LocalsPlusNames, child) },
                CodeField.Filename => result with { Filename = (PyString)Apply(result.Filename, child) },
                CodeField.Name => result with { Name = (PyString)Apply(result.Name, child) },
                CodeField.QualName when result.QualName is { } q => result with { QualName = (PyString)Apply(q, child) },
                _ => result,
            };
        }

        return result;
    }
}
