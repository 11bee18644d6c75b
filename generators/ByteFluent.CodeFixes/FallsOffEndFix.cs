namespace ByteFluent.CodeFixes;

/// <summary>
/// BF0011 (built code falls off its end): return None before the code is built — <c>.ReturnConst(null)</c> where the
/// version has <c>RETURN_CONST</c> (3.12, 3.13), otherwise <c>.LoadConst(null).ReturnValue()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FallsOffEndFix)), Shared]
public sealed class FallsOffEndFix() : BuilderCodeFix("BF0011")
{
    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        // Either ".ToCode()" (and its relatives) on a chain, or a builder converted to a constant.
        var code = ChainSyntax.CallNamedAt(site.Root, site.Start) is { Expression: MemberAccessExpressionSyntax access }
            ? access.Expression
            : site.Node is ArgumentSyntax { Expression: var e } ? e : site.Node as ExpressionSyntax;
        if (code is null || BuilderSymbols.VersionClass(site.TypeOf(code)) is not { } version)
        {
            return;
        }

        var hasReturnConst = version.GetTypeMembers("Builder").Any(b => b.GetMembers("ReturnConst").Length > 0);
        var none = SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression);
        var bare = code.WithoutTrivia();
        var fixedCode = hasReturnConst
            ? ChainSyntax.Call(bare, "ReturnConst", none)
            : ChainSyntax.Call(ChainSyntax.Call(bare, "LoadConst", none), "ReturnValue");
        var title = hasReturnConst ? "Return None (.ReturnConst(null))" : "Return None (.LoadConst(null).ReturnValue())";
        var replacement = fixedCode.WithTriviaFrom(code);
        site.Offer(title, () => site.Root.ReplaceNode(code, replacement));
    }
}
