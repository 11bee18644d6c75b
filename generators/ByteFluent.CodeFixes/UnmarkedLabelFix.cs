namespace ByteFluent.CodeFixes;

/// <summary>
/// BF0005 (label defined but never marked): a label nothing else uses loses its <c>.DefineLabel(out var l)</c>; a label
/// that jumps use is marked at the end of the chain that defines it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnmarkedLabelFix)), Shared]
public sealed class UnmarkedLabelFix() : BuilderCodeFix("BF0005")
{
    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        if (site.Argument is not { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax define } } argument
            || Local(site.Model, argument.Expression) is not { } local)
        {
            return;
        }

        var body = (SyntaxNode?)define.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? site.Root;
        var used = body.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == local.Name
            && !argument.Expression.Span.Contains(id.Span) && SymbolEqualityComparer.Default.Equals(site.Model.GetSymbolInfo(id).Symbol, local));
        if (!used)
        {
            site.Offer($"Remove the unused label '{local.Name}'", () => ChainSyntax.RemoveCall(site.Root, define), "Remove");
            return;
        }

        var last = ChainSyntax.Outermost(define);
        var marked = ChainSyntax.Call(last.WithoutTrailingTrivia(), "MarkLabel", SyntaxFactory.IdentifierName(local.Name)).WithTrailingTrivia(last.GetTrailingTrivia());
        site.Offer($"Mark '{local.Name}' at the end of the chain", () => site.Root.ReplaceNode(last, marked), "Mark");
    }

    private static ILocalSymbol? Local(SemanticModel model, ExpressionSyntax expression) => expression switch
    {
        DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax d } => model.GetDeclaredSymbol(d) as ILocalSymbol,
        IdentifierNameSyntax id => model.GetSymbolInfo(id).Symbol as ILocalSymbol,
        _ => null,
    };
}
