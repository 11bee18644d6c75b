namespace ByteFluent.Model;

/// <summary>
/// byteplay's <c>CodeList</c>: the list of instructions and pseudo-entries whose <see cref="ToString"/> is the
/// readable listing of <c>printcodelist</c>.
/// </summary>
public sealed class CodeList : List<CodeItem>
{
    /// <summary>An empty list.</summary>
    public CodeList()
    {
    }

    /// <summary>An empty list with room for <paramref name="capacity"/> items.</summary>
    public CodeList(int capacity)
        : base(capacity)
    {
    }

    /// <summary>A list holding <paramref name="items"/>.</summary>
    public CodeList(IEnumerable<CodeItem> items)
        : base(items)
    {
    }

    /// <summary>byteplay's <c>printcodelist</c> format: line numbers, list index, opcode, argument, <c>to N</c> for jumps, <c>&gt;&gt;</c> for targets.</summary>
    public override string ToString() => CodeListFormatter.Format(this);
}
