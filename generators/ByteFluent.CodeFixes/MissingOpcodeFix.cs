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
/// BF0008 (<c>Emit(Python27.ROT_TWO)</c> on a builder whose version lacks the opcode): the same exact replacement as for
/// the typed method (<c>RotTwo()</c> → <c>Swap(2)</c>, <c>BinaryAdd()</c> → <c>BinaryOp(...Add)</c>, see
/// <see cref="ReplacedOpcodeFix"/>), offered only for an <c>Emit</c> without an argument and when the builder has it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingOpcodeFix)), Shared]
public sealed class MissingOpcodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["BF0008"];

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
                || node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments.Count: 1, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Emit" } access } call
                || call.ArgumentList.Arguments[0].Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var field }
                || model.GetTypeInfo(access.Expression, context.CancellationToken).Type is not { } builder
                || BuilderSymbols.VersionClass(builder) is not { } cls
                || ReplacedOpcodeFix.Replacement(builder, cls, Pascal(field), model, call.SpanStart) is not { } replacement)
            {
                continue;
            }

            var (steps, title) = replacement;
            ExpressionSyntax final = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression, access.OperatorToken, SyntaxFactory.IdentifierName(steps[0].Method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(steps[0].Arg))));
            foreach (var (method, arg) in steps.Skip(1))
            {
                final = ChainSyntax.Call(final, method, arg);
            }

            final = final.WithTriviaFrom(call);
            context.RegisterCodeFix(
                CodeAction.Create($"Use {title} ({field} is not in CPython {ReplacedOpcodeFix.Version(cls)})",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, final))), nameof(MissingOpcodeFix)),
                diagnostic);
        }
    }

    /// <summary><c>ROT_TWO</c> → <c>RotTwo</c>, as the generator names the typed methods.</summary>
    private static string Pascal(string field) =>
        string.Concat(field.Split('_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1).ToLowerInvariant()));
}
