using System.Collections.Immutable;
using System.Globalization;
using ByteFluent.Assembly;
using ByteFluent.Marshal;

namespace ByteFluent.Diff;

/// <summary>Compares the fields of two code objects (not their nested objects, which are compared on their own).</summary>
internal static class CodeFieldDiff
{
    public static List<FieldDifference> Compare(PyCode a, PyCode b, PycDiffOptions options)
    {
        var diffs = new List<FieldDifference>();
        void Int(string field, int x, int y, bool hex = false)
        {
            if (x != y)
            {
                diffs.Add(new FieldDifference(field, Number(x, hex), Number(y, hex)));
            }
        }

        Int("argcount", a.ArgCount, b.ArgCount);
        Int("posonlyargcount", a.PosOnlyArgCount, b.PosOnlyArgCount);
        Int("kwonlyargcount", a.KwOnlyArgCount, b.KwOnlyArgCount);
        Int("nlocals", a.NLocals, b.NLocals);
        Int("stacksize", a.StackSize, b.StackSize);
        Int("flags", a.Flags, b.Flags, hex: true);
        if (!options.IgnoreLines)
        {
            Int("firstlineno", a.FirstLineNo, b.FirstLineNo);
        }

        Str("name", a.Name, b.Name);
        Str("qualname", a.QualName, b.QualName);
        Str("filename", a.Filename, b.Filename);
        Consts(a.Consts, b.Consts, diffs);
        Strings("names", a.Names, b.Names);
        Strings("varnames", a.VarNames, b.VarNames);
        Strings("freevars", a.FreeVars, b.FreeVars);
        Strings("cellvars", a.CellVars, b.CellVars);
        if (!PyEquality.Strings(a.LocalsPlusNames, b.LocalsPlusNames) || !a.LocalsPlusKinds.AsSpan().SequenceEqual(b.LocalsPlusKinds.AsSpan()))
        {
            diffs.Add(new FieldDifference("localsplus", LocalsPlus(a), LocalsPlus(b)));
        }

        Bytes("code", a.Code, b.Code);
        if (!options.IgnoreLines)
        {
            Bytes("linetable", a.LineTable, b.LineTable);
        }

        if (!a.ExceptionTable.AsSpan().SequenceEqual(b.ExceptionTable.AsSpan()))
        {
            diffs.Add(new FieldDifference("exceptiontable", ExceptionTable(a.ExceptionTable), ExceptionTable(b.ExceptionTable)));
        }

        return diffs;

        void Str(string field, PyString? x, PyString? y)
        {
            if (x is null ? y is not null : !x.StrictlyEquals(y))
            {
                var form = Equals(x, y);
                diffs.Add(new FieldDifference(field, StringText(x, form), StringText(y, form)));
            }
        }

        void Strings(string field, ImmutableArray<PyString> x, ImmutableArray<PyString> y)
        {
            if (x.Length != y.Length || x.Zip(y).Any(p => !p.First.StrictlyEquals(p.Second)))
            {
                var form = PyEquality.Strings(x, y);
                diffs.Add(new FieldDifference(field, Tuple(x.Select(s => StringText(s, form))), Tuple(y.Select(s => StringText(s, form)))));
            }
        }

        void Bytes(string field, ImmutableArray<byte> x, ImmutableArray<byte> y)
        {
            var common = x.AsSpan().CommonPrefixLength(y.AsSpan());
            if (common != x.Length || x.Length != y.Length)
            {
                diffs.Add(new FieldDifference(
                    field,
                    string.Create(CultureInfo.InvariantCulture, $"{x.Length} bytes"),
                    string.Create(CultureInfo.InvariantCulture, $"{y.Length} bytes (first difference at byte {common})")));
            }
        }
    }

    private static void Consts(ImmutableArray<PyObject> a, ImmutableArray<PyObject> b, List<FieldDifference> diffs)
    {
        if (a.Length != b.Length)
        {
            diffs.Add(new FieldDifference("consts", Count(a.Length), Count(b.Length)));
        }

        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : null;
            var y = i < b.Length ? b[i] : null;
            var same = (x, y) switch
            {
                // Nested code objects are matched by name here and compared as objects of their own.
                (PyCode cx, PyCode cy) => cx.Name.StrictlyEquals(cy.Name),
                (null, _) or (_, null) => false,
                _ => PyEquality.Strict(x, y),
            };
            if (!same)
            {
                // Equal values that are not strictly equal differ in how they are marshalled (string form, 2.7 long).
                var note = x is not null && x.Equals(y) ? " (same value, another encoding)" : string.Empty;
                diffs.Add(new FieldDifference(
                    string.Create(CultureInfo.InvariantCulture, $"consts[{i}]"),
                    x is null ? "(none)" : ConstText(x) + note,
                    y is null ? "(none)" : ConstText(y) + note));
            }
        }
    }

    private static string ConstText(PyObject value)
    {
        var text = ValueText.Of(value);
        return value is PyString s ? StringText(s, withForm: false) : text + (value is PyCode ? string.Empty : " (" + value.TypeName + ")");
    }

    // The string form (interned, short ASCII, …) is part of the marshalled bytes, so it is shown when it is all that differs.
    private static string StringText(PyString? s, bool withForm) => s is null ? "None" : withForm ? s + " [" + s.Form + "]" : s.ToString();

    private static string Count(int n) => string.Create(CultureInfo.InvariantCulture, $"{n} items");

    private static string Number(int n, bool hex) => hex
        ? string.Create(CultureInfo.InvariantCulture, $"0x{n:x8}")
        : n.ToString(CultureInfo.InvariantCulture);

    private static string Tuple(IEnumerable<string> items) => "(" + string.Join(", ", items) + ")";

    private static string LocalsPlus(PyCode c) =>
        Tuple(c.LocalsPlusNames.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n.Value}:0x{(i < c.LocalsPlusKinds.Length ? c.LocalsPlusKinds[i] : 0):x2}")));

    private static string ExceptionTable(ImmutableArray<byte> table)
    {
        try
        {
            return "[" + string.Join("; ", ExceptionTableCodec.Decode(table.AsSpan()).Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"{e.Start}-{e.End} -> {e.Target} depth {e.Depth}{(e.Lasti ? " lasti" : string.Empty)}"))) + "]";
        }
        catch (BytecodeFormatException)
        {
            return Convert.ToHexString(table.AsSpan()).ToLowerInvariant();
        }
    }
}
