namespace ByteFluent.CodeFixes;

/// <summary>BF0004 on an opcode that takes no argument: remove the argument (<c>new Instr(Python27.ROT_TWO, "a")</c> → <c>new Instr(Python27.ROT_TWO)</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveArgumentFix)), Shared]
public sealed class RemoveArgumentFix() : BuilderCodeFix("BF0004")
{
    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        // Only where the opcode takes nothing: for the other kinds the intended argument is not evident.
        if (site.Diagnostic.Properties.TryGetValue("ExpectedKind", out var kind) && kind == "None"
            && site.Argument is { Parent: ArgumentListSyntax list } argument)
        {
            site.Offer("Remove the argument", () => site.Root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument))));
        }
    }
}
