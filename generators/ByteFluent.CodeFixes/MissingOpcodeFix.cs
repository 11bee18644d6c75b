namespace ByteFluent.CodeFixes;

/// <summary>
/// BF0008 (<c>Emit(Python27.ROT_TWO)</c> on a builder whose version lacks the opcode): the same exact replacement as for
/// the typed method (<c>RotTwo()</c> → <c>Swap(2)</c>, <c>BinaryAdd()</c> → <c>BinaryOp(...Add)</c>, see
/// <see cref="ReplacedOpcodeFix"/>), offered only for an <c>Emit</c> without an argument and when the builder has it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingOpcodeFix)), Shared]
public sealed class MissingOpcodeFix() : BuilderCodeFix("BF0008")
{
    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        if (site.Node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { ArgumentList.Arguments.Count: 1, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Emit" } access } call
            || call.ArgumentList.Arguments[0].Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var field }
            || site.TypeOf(access.Expression) is not { } builder
            || BuilderSymbols.VersionClass(builder) is not { } cls
            || ReplacedOpcodeFix.Replacement(builder, cls, Pascal(field), site.Model, call.SpanStart) is not { } replacement)
        {
            return;
        }

        var final = ChainSyntax.Steps(access, replacement.Steps).WithTriviaFrom(call);
        site.Offer($"Use {replacement.Title} ({field} is not in CPython {ReplacedOpcodeFix.Version(cls)})", () => site.Root.ReplaceNode(call, final));
    }

    /// <summary><c>ROT_TWO</c> → <c>RotTwo</c>, as the generator names the typed methods.</summary>
    private static string Pascal(string field) =>
        string.Concat(field.Split('_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1).ToLowerInvariant()));
}
