namespace ByteFluent.CodeFixes;

/// <summary>BF0009 (.pyc header of another version): write the builder's own version, <c>PycFile.Create(Python312…ToCode(), Python312.Version)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PycVersionFix)), Shared]
public sealed class PycVersionFix() : BuilderCodeFix("BF0009")
{
    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        if (site.Argument is not { Parent: ArgumentListSyntax { Arguments.Count: >= 2 } arguments } versionArgument
            || arguments.Arguments[0].Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToCode" } toCode }
            || BuilderSymbols.VersionClass(site.TypeOf(toCode.Expression)) is not { } cls)
        {
            return;
        }

        var name = cls.ToMinimalDisplayString(site.Model, versionArgument.SpanStart);
        var replacement = SyntaxFactory.ParseExpression(name + ".Version").WithTriviaFrom(versionArgument.Expression);
        site.Offer($"Use {name}.Version", () => site.Root.ReplaceNode(versionArgument.Expression, replacement));
    }
}
