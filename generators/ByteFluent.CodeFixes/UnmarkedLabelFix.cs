using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ByteFluent.CodeFixes;

/// <summary>
/// BF0005 (label defined but never marked): a label nothing else uses loses its <c>.DefineLabel(out var l)</c>; a label
/// that jumps use is marked at the end of the chain that defines it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnmarkedLabelFix)), Shared]
public sealed class UnmarkedLabelFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["BF0005"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || model is null
                || root.FindNode(diagnostic.Location.SourceSpan) is not { } node
                || (node as ArgumentSyntax ?? node.Parent as ArgumentSyntax) is not { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax define } } argument
                || Local(model, argument.Expression) is not { } local)
            {
                continue;
            }

            var body = (SyntaxNode?)define.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? root;
            var used = body.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == local.Name
                && !argument.Expression.Span.Contains(id.Span) && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id).Symbol, local));
            if (!used)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove the unused label '{local.Name}'", _ => Task.FromResult(context.Document.WithSyntaxRoot(ChainSyntax.RemoveCall(root, define))),
                        nameof(UnmarkedLabelFix) + ".Remove"),
                    diagnostic);
                continue;
            }

            var last = ChainSyntax.Outermost(define);
            var marked = ChainSyntax.Call(last.WithoutTrailingTrivia(), "MarkLabel", SyntaxFactory.IdentifierName(local.Name)).WithTrailingTrivia(last.GetTrailingTrivia());
            context.RegisterCodeFix(
                CodeAction.Create($"Mark '{local.Name}' at the end of the chain", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(last, marked))),
                    nameof(UnmarkedLabelFix) + ".Mark"),
                diagnostic);
        }
    }

    private static ILocalSymbol? Local(SemanticModel model, ExpressionSyntax expression) => expression switch
    {
        DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax d } => model.GetDeclaredSymbol(d) as ILocalSymbol,
        IdentifierNameSyntax id => model.GetSymbolInfo(id).Symbol as ILocalSymbol,
        _ => null,
    };
}
