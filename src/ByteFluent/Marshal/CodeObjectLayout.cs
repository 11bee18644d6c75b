using System.Collections.Immutable;

namespace ByteFluent.Marshal;

/// <summary>The order of a code object's fields in marshal data for one era of CPython.</summary>
public sealed class CodeObjectLayout
{
    private CodeObjectLayout(string name, ImmutableArray<CodeField> fields, int intSize = 4, byte typeCode = (byte)'c')
    {
        Name = name;
        Fields = fields;
        IntSize = intSize;
        TypeCode = typeCode;
        foreach (var f in fields)
        {
            ObjectFieldCount += f.IsInt32() ? 0 : 1;
        }
    }

    /// <summary>CPython 1.0–1.2: type code 'C'; only code, constants, names, filename and name (no counts, flags or line table).</summary>
    public static CodeObjectLayout Python10 { get; } = new("1.0-1.2",
    [
        CodeField.Code, CodeField.Consts, CodeField.Names, CodeField.Filename, CodeField.Name,
    ], 2, (byte)'C') { ListsForTuples = true };

    /// <summary>CPython 1.3–1.4: adds 16-bit argcount, nlocals and flags, and varnames.</summary>
    public static CodeObjectLayout Python13 { get; } = new("1.3-1.4",
    [
        CodeField.ArgCount, CodeField.NLocals, CodeField.Flags, CodeField.Code, CodeField.Consts, CodeField.Names,
        CodeField.VarNames, CodeField.Filename, CodeField.Name,
    ], 2);

    /// <summary>CPython 1.5–2.0: adds a 16-bit stacksize and firstlineno, and the lnotab.</summary>
    public static CodeObjectLayout Python15 { get; } = new("1.5-2.0",
    [
        CodeField.ArgCount, CodeField.NLocals, CodeField.StackSize, CodeField.Flags, CodeField.Code, CodeField.Consts,
        CodeField.Names, CodeField.VarNames, CodeField.Filename, CodeField.Name, CodeField.FirstLineNo, CodeField.LineTable,
    ], 2);

    /// <summary>CPython 2.1–2.2 (nested scopes): adds freevars and cellvars; the counts are still 16-bit.</summary>
    public static CodeObjectLayout Python21 { get; } = new("2.1-2.2",
    [
        CodeField.ArgCount, CodeField.NLocals, CodeField.StackSize, CodeField.Flags, CodeField.Code, CodeField.Consts,
        CodeField.Names, CodeField.VarNames, CodeField.FreeVars, CodeField.CellVars, CodeField.Filename, CodeField.Name,
        CodeField.FirstLineNo, CodeField.LineTable,
    ], 2);

    /// <summary>CPython 2.3–2.7 (the counts become 32-bit).</summary>
    public static CodeObjectLayout Python27 { get; } = new("2.3-2.7",
    [
        CodeField.ArgCount, CodeField.NLocals, CodeField.StackSize, CodeField.Flags, CodeField.Code, CodeField.Consts,
        CodeField.Names, CodeField.VarNames, CodeField.FreeVars, CodeField.CellVars, CodeField.Filename, CodeField.Name,
        CodeField.FirstLineNo, CodeField.LineTable,
    ]);

    /// <summary>CPython 3.0–3.7 and 3.8's first pre-releases (adds kwonlyargcount).</summary>
    public static CodeObjectLayout Python30 { get; } = new("3.0-3.7",
    [
        CodeField.ArgCount, CodeField.KwOnlyArgCount, CodeField.NLocals, CodeField.StackSize, CodeField.Flags, CodeField.Code,
        CodeField.Consts, CodeField.Names, CodeField.VarNames, CodeField.FreeVars, CodeField.CellVars, CodeField.Filename,
        CodeField.Name, CodeField.FirstLineNo, CodeField.LineTable,
    ]);

    /// <summary>CPython 3.8–3.10 (adds posonlyargcount).</summary>
    public static CodeObjectLayout Python38 { get; } = new("3.8-3.10",
    [
        CodeField.ArgCount, CodeField.PosOnlyArgCount, CodeField.KwOnlyArgCount, CodeField.NLocals, CodeField.StackSize,
        CodeField.Flags, CodeField.Code, CodeField.Consts, CodeField.Names, CodeField.VarNames, CodeField.FreeVars,
        CodeField.CellVars, CodeField.Filename, CodeField.Name, CodeField.FirstLineNo, CodeField.LineTable,
    ]);

    /// <summary>CPython 3.11+ (locals-plus names and kinds, qualname, exception table).</summary>
    public static CodeObjectLayout Python311 { get; } = new("3.11+",
    [
        CodeField.ArgCount, CodeField.PosOnlyArgCount, CodeField.KwOnlyArgCount, CodeField.StackSize, CodeField.Flags,
        CodeField.Code, CodeField.Consts, CodeField.Names, CodeField.LocalsPlusNames, CodeField.LocalsPlusKinds,
        CodeField.Filename, CodeField.Name, CodeField.QualName, CodeField.FirstLineNo, CodeField.LineTable,
        CodeField.ExceptionTable,
    ]);

    /// <summary>CPython 3.0–3.7 (the same layout as <see cref="Python30"/>).</summary>
    public static CodeObjectLayout Python36 => Python30;

    /// <summary>Whether co_consts and co_names are marshalled as lists (1.0–1.2) rather than tuples.</summary>
    public bool ListsForTuples { get; private init; }

    /// <summary>The size in bytes of the raw integer fields (2 up to 2.2, 4 from 2.3).</summary>
    public int IntSize { get; }

    /// <summary>The marshal type code of a code object ('C' in 1.0–1.2, 'c' after).</summary>
    public byte TypeCode { get; }

    /// <summary>A short name of the era.</summary>
    public string Name { get; }

    /// <summary>The fields in marshal order.</summary>
    public ImmutableArray<CodeField> Fields { get; }

    /// <summary>How many of the fields are objects (not int32s).</summary>
    internal int ObjectFieldCount { get; }

    /// <summary>Whether the layout has <paramref name="field"/>.</summary>
    public bool Has(CodeField field) => Fields.Contains(field);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
