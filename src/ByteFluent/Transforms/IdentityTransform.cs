using ByteFluent.Model;

namespace ByteFluent.Transforms;

/// <summary>
/// <c>identity</c>: no edit. Rewriting with it still disassembles every code object into the model and assembles it
/// again, so it proves that the unmodified path reproduces the code objects.
/// </summary>
public sealed class IdentityTransform : ICodeTransform
{
    /// <inheritdoc/>
    public string Name => "identity";

    /// <inheritdoc/>
    public string Description => "FromCode then ToCode with no edit.";

    /// <inheritdoc/>
    public void Apply(Code code) => ArgumentNullException.ThrowIfNull(code);
}
