namespace ByteFluent.Model;

/// <summary>
/// How a <see cref="SetLineno"/> is written in the eras whose compiler emitted <c>SET_LINENO</c> instructions (CPython
/// 1.0–2.2). From 2.3 on every form is a line-table entry.
/// </summary>
public enum LineMarkerForm
{
    /// <summary>
    /// What the era's compiler writes for a new line: a <c>SET_LINENO</c> instruction in 1.0–2.2, with a <c>co_lnotab</c>
    /// entry at its offset in 1.5–2.2; a line-table entry from 2.3.
    /// </summary>
    Default,

    /// <summary>
    /// 1.5–2.2: a <c>co_lnotab</c> entry and no <c>SET_LINENO</c> instruction (code compiled with <c>-O</c>, or an entry
    /// whose offset holds no matching instruction). 1.0–1.4 have no line table, so such a marker cannot be assembled there.
    /// </summary>
    TableOnly,

    /// <summary>
    /// 1.5–2.2: a <c>SET_LINENO</c> instruction with no <c>co_lnotab</c> entry (the compiler writes none when the
    /// instruction changes neither the offset nor the line of the previous entry, or when the table's line differs).
    /// </summary>
    InstructionOnly,
}
