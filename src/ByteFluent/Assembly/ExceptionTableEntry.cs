namespace ByteFluent.Assembly;

/// <summary>
/// One entry of a 3.11+ exception table: an exception raised by the code units <paramref name="Start"/> up to
/// <paramref name="End"/> jumps to <paramref name="Target"/> with the value stack cut to <paramref name="Depth"/>
/// items (plus the offset of the raising instruction when <paramref name="Lasti"/>) and the exception pushed.
/// </summary>
/// <param name="Start">First covered code unit.</param>
/// <param name="End">Code unit just past the covered range.</param>
/// <param name="Target">The handler's code unit.</param>
/// <param name="Depth">The stack depth the handler starts from.</param>
/// <param name="Lasti">Whether the raising instruction's offset is pushed before the exception.</param>
public readonly record struct ExceptionTableEntry(int Start, int End, int Target, int Depth, bool Lasti);
