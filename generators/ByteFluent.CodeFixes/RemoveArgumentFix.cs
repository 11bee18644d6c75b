using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ByteFluent.CodeFixes;

/// <summary>BF0004 on an opcode that takes no argument: remove the argument (<c>new Instr(Python27.ROT_TWO, "a")</c> → <c>new Instr(Python27.ROT_TWO)</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveArgumentFix)), Shared]
public sealed class RemoveArgumentFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["BF0004"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // Only where the opcode takes nothing: for the other kinds the intended argument is not evident.
            if (root is null || !diagnostic.Properties.TryGetValue("ExpectedKind", out var kind) || kind != "None"
                || root.FindNode(diagnostic.Location.SourceSpan) is not { } node
                || (node as ArgumentSyntax ?? node.Parent as ArgumentSyntax) is not { Parent: ArgumentListSyntax list } argument)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Remove the argument", _ => Task.FromResult(context.Document.WithSyntaxRoot(
                    root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument))))), nameof(RemoveArgumentFix)),
                diagnostic);
        }
    }
}
