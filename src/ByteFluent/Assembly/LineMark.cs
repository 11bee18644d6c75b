namespace ByteFluent.Assembly;

/// <summary>
/// A point in the code where the source position changes: from byte <paramref name="Offset"/> on, instructions
/// have <paramref name="Location"/> (before 3.11 only its line is meaningful; a null line means "no line").
/// </summary>
/// <param name="Offset">Byte offset into <c>co_code</c>.</param>
/// <param name="Location">The position.</param>
public readonly record struct LineMark(int Offset, SourceLocation Location);
