namespace ByteFluent.Assembly;

/// <summary>
/// One entry of a 2.7–3.9 <c>co_lnotab</c>: from byte offset <paramref name="Offset"/> on, code belongs to
/// source line <paramref name="Line"/>. Several entries may share an offset (CPython writes one per line
/// increment that does not fit a byte, and its peephole optimizer leaves entries whose code it removed).
/// </summary>
/// <param name="Offset">Byte offset into <c>co_code</c>.</param>
/// <param name="Line">The absolute line number.</param>
public readonly record struct LineStart(int Offset, int Line);
