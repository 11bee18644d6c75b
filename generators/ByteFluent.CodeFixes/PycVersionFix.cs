using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ByteFluent.CodeFixes;

/// <summary>BF0009 (.pyc header of another version): write the builder's own version, <c>PycFile.Create(Python312…ToCode(), Python312.Version)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PycVersionFix)), Shared]
public sealed class PycVersionFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["BF0009"];

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
                || (node as ArgumentSyntax ?? node.Parent as ArgumentSyntax) is not { Parent: ArgumentListSyntax { Arguments.Count: >= 2 } arguments } versionArgument
                || arguments.Arguments[0].Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToCode" } toCode }
                || BuilderSymbols.VersionClass(model.GetTypeInfo(toCode.Expression).Type) is not { } cls)
            {
                continue;
            }

            var name = cls.ToMinimalDisplayString(model, versionArgument.SpanStart);
            var replacement = SyntaxFactory.ParseExpression(name + ".Version").WithTriviaFrom(versionArgument.Expression);
            context.RegisterCodeFix(
                CodeAction.Create($"Use {name}.Version", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(versionArgument.Expression, replacement))),
                    nameof(PycVersionFix)),
                diagnostic);
        }
    }
}
