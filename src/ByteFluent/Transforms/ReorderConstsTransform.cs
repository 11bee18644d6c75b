using ByteFluent.Model;

namespace ByteFluent.Transforms;

/// <summary>
/// <c>reorder-consts</c>: reverses the constant table (all but its first entry, which CPython reads as the
/// docstring of functions) and the name table. Instructions hold the values themselves, so the assembler
/// re-indexes every <c>LOAD_CONST</c>, name and attribute argument.
/// </summary>
public sealed class ReorderConstsTransform : ICodeTransform
{
    /// <inheritdoc/>
    public string Name => "reorder-consts";

    /// <inheritdoc/>
    public string Description => "Permute co_consts (docstring slot kept) and co_names.";

    /// <inheritdoc/>
    public void Apply(Code code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Consts.Count > 2)
        {
            code.Consts.Reverse(1, code.Consts.Count - 1);
        }

        code.Names.Reverse();
    }
}
