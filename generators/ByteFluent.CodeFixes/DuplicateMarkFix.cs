namespace ByteFluent.CodeFixes;

/// <summary>BF0006 (label marked twice): remove the second <c>.MarkLabel(l)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DuplicateMarkFix)), Shared]
public sealed class DuplicateMarkFix() : BuilderCodeFix("BF0006")
{
    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        if (ChainSyntax.CallNamedAt(site.Root, site.Start, "MarkLabel") is { } call)
        {
            site.Offer("Remove the second MarkLabel", () => ChainSyntax.RemoveCall(site.Root, call));
        }
    }
}
