namespace ByteFluent.Model;

/// <summary>
/// An entry of a <see cref="CodeList"/>: a real instruction (<see cref="Instr"/>) or a pseudo-entry that marks a
/// place in the code (<see cref="Label"/>, <see cref="SetLineno"/>, <see cref="TryBegin"/>, <see cref="TryEnd"/>).
/// </summary>
public abstract class CodeItem
{
    private protected CodeItem()
    {
    }
}
