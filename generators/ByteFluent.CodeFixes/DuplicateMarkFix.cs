using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ByteFluent.CodeFixes;

/// <summary>BF0006 (label marked twice): remove the second <c>.MarkLabel(l)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DuplicateMarkFix)), Shared]
public sealed class DuplicateMarkFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["BF0006"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && ChainSyntax.CallNamedAt(root, diagnostic.Location.SourceSpan.Start, "MarkLabel") is { } call)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove the second MarkLabel", _ => Task.FromResult(context.Document.WithSyntaxRoot(ChainSyntax.RemoveCall(root, call))), nameof(DuplicateMarkFix)),
                    diagnostic);
            }
        }
    }
}
