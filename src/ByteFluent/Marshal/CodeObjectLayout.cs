using System.Collections.Immutable;

namespace ByteFluent.Marshal;

/// <summary>The order of a code object's fields in marshal data for one era of CPython.</summary>
public sealed class CodeObjectLayout
{
    private CodeObjectLayout(string name, ImmutableArray<CodeField> fields)
    {
        Name = name;
        Fields = fields;
        foreach (var f in fields)
        {
            ObjectFieldCount += f.IsInt32() ? 0 : 1;
        }
    }

    /// <summary>CPython 2.7.</summary>
    public static CodeObjectLayout Python27 { get; } = new("2.7",
    [
        CodeField.ArgCount, CodeField.NLocals, CodeField.StackSize, CodeField.Flags, CodeField.Code, CodeField.Consts,
        CodeField.Names, CodeField.VarNames, CodeField.FreeVars, CodeField.CellVars, CodeField.Filename, CodeField.Name,
        CodeField.FirstLineNo, CodeField.LineTable,
    ]);

    /// <summary>CPython 3.6–3.7 (adds kwonlyargcount).</summary>
    public static CodeObjectLayout Python36 { get; } = new("3.6-3.7",
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
