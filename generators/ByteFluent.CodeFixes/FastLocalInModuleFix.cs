namespace ByteFluent.CodeFixes;

/// <summary>
/// BF0015 (fast local in module code): the by-name opcode a module uses for the same variable —
/// <c>LoadFast("x")</c> → <c>LoadName("x")</c>, <c>StoreFast</c> → <c>StoreName</c>, <c>DeleteFast</c> → <c>DeleteName</c>;
/// offered for a typed call with one argument when the builder has the by-name method.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FastLocalInModuleFix)), Shared]
public sealed class FastLocalInModuleFix() : BuilderCodeFix("BF0015")
{
    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        if (!site.Diagnostic.Properties.TryGetValue("ByName", out var byName) || byName is null
            || ChainSyntax.CallNamedAt(site.Root, site.Start) is not { ArgumentList.Arguments.Count: 1, Expression: MemberAccessExpressionSyntax access } call
            || site.TypeOf(access.Expression) is not { } builder
            || !builder.GetMembers(byName).OfType<IMethodSymbol>().Any(m => m.Parameters.Length >= 1 && m.Parameters[0].Type.SpecialType == SpecialType.System_String))
        {
            return;
        }

        var renamed = call.WithExpression(access.WithName(SyntaxFactory.IdentifierName(byName).WithTriviaFrom(access.Name)));
        site.Offer($"Use {byName} (module code keeps its variables by name)", () => site.Root.ReplaceNode(call, renamed));
    }
}
