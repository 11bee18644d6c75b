namespace ByteFluent.Marshal;

/// <summary>A field of a marshalled code object (see <see cref="CodeObjectLayout"/>).</summary>
public enum CodeField
{
    /// <summary>co_argcount (int32).</summary>
    ArgCount,

    /// <summary>co_posonlyargcount (int32, 3.8+).</summary>
    PosOnlyArgCount,

    /// <summary>co_kwonlyargcount (int32, 3.0+).</summary>
    KwOnlyArgCount,

    /// <summary>co_nlocals (int32, up to 3.10).</summary>
    NLocals,

    /// <summary>co_stacksize (int32).</summary>
    StackSize,

    /// <summary>co_flags (int32).</summary>
    Flags,

    /// <summary>co_code (bytes).</summary>
    Code,

    /// <summary>co_consts (tuple).</summary>
    Consts,

    /// <summary>co_names (tuple of str).</summary>
    Names,

    /// <summary>co_varnames (tuple of str, up to 3.10).</summary>
    VarNames,

    /// <summary>co_freevars (tuple of str, up to 3.10).</summary>
    FreeVars,

    /// <summary>co_cellvars (tuple of str, up to 3.10).</summary>
    CellVars,

    /// <summary>co_localsplusnames (tuple of str, 3.11+).</summary>
    LocalsPlusNames,

    /// <summary>co_localspluskinds (bytes, 3.11+).</summary>
    LocalsPlusKinds,

    /// <summary>co_filename (str).</summary>
    Filename,

    /// <summary>co_name (str).</summary>
    Name,

    /// <summary>co_qualname (str, 3.11+).</summary>
    QualName,

    /// <summary>co_firstlineno (int32).</summary>
    FirstLineNo,

    /// <summary>co_lnotab / co_linetable / location table (bytes).</summary>
    LineTable,

    /// <summary>co_exceptiontable (bytes, 3.11+).</summary>
    ExceptionTable,
}

/// <summary>Helpers on <see cref="CodeField"/>.</summary>
public static class CodeFieldExtensions
{
    /// <summary>Whether the field is a raw int32 in marshal data (not an object).</summary>
    public static bool IsInt32(this CodeField field) => field is CodeField.ArgCount or CodeField.PosOnlyArgCount
        or CodeField.KwOnlyArgCount or CodeField.NLocals or CodeField.StackSize or CodeField.Flags or CodeField.FirstLineNo;
}
