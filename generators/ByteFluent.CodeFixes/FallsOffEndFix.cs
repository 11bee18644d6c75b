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
/// BF0011 (built code falls off its end): return None before the code is built — <c>.ReturnConst(null)</c> where the
/// version has <c>RETURN_CONST</c> (3.12, 3.13), otherwise <c>.LoadConst(null).ReturnValue()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FallsOffEndFix)), Shared]
public sealed class FallsOffEndFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["BF0011"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || model is null)
            {
                continue;
            }

            // Either ".ToCode()" (and its relatives) on a chain, or a builder converted to a constant.
            var code = ChainSyntax.CallNamedAt(root, diagnostic.Location.SourceSpan.Start) is { Expression: MemberAccessExpressionSyntax access }
                ? access.Expression
                : root.FindNode(diagnostic.Location.SourceSpan) is ArgumentSyntax { Expression: var e } ? e : root.FindNode(diagnostic.Location.SourceSpan) as ExpressionSyntax;
            if (code is null || BuilderSymbols.VersionClass(model.GetTypeInfo(code, context.CancellationToken).Type) is not { } version)
            {
                continue;
            }

            var hasReturnConst = version.GetTypeMembers("Builder").Any(b => b.GetMembers("ReturnConst").Length > 0);
            var none = SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression);
            var bare = code.WithoutTrivia();
            var fixedCode = hasReturnConst
                ? ChainSyntax.Call(bare, "ReturnConst", none)
                : ChainSyntax.Call(ChainSyntax.Call(bare, "LoadConst", none), "ReturnValue");
            var title = hasReturnConst ? "Return None (.ReturnConst(null))" : "Return None (.LoadConst(null).ReturnValue())";
            var replacement = fixedCode.WithTriviaFrom(code);
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(code, replacement))), nameof(FallsOffEndFix)),
                diagnostic);
        }
    }
}
