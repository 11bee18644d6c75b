namespace ByteFluent.Assembly;

/// <summary>
/// One entry of CPython 3.10's <c>co_linetable</c> (PEP 626): the bytes <paramref name="Start"/> up to
/// <paramref name="End"/> of <c>co_code</c> belong to <paramref name="Line"/>, or to no line when it is null.
/// </summary>
/// <param name="Start">First byte offset.</param>
/// <param name="End">Byte offset just past the range.</param>
/// <param name="Line">The line, or null for code that has no line (e.g. compiler-generated cleanup).</param>
public readonly record struct LineRange(int Start, int End, int? Line);
