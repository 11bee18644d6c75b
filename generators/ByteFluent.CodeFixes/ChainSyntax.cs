namespace ByteFluent.CodeFixes;

/// <summary>Edits of fluent builder chains (<c>a.B().C(x).D()</c>) shared by the fixes.</summary>
internal static class ChainSyntax
{
    /// <summary>The call <c>receiver.Name(...)</c> whose name token is at <paramref name="position"/>, if any.</summary>
    public static InvocationExpressionSyntax? CallNamedAt(SyntaxNode root, int position, string? name = null)
    {
        var token = root.FindToken(position);
        return token.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } access } id
               && access.Name == id && (name is null || id.Identifier.ValueText == name)
            ? call
            : null;
    }

    /// <summary>The chain's outermost call that <paramref name="call"/> is part of (the last call of the chain).</summary>
    public static ExpressionSyntax Outermost(InvocationExpressionSyntax call)
    {
        ExpressionSyntax node = call;
        while (node.Parent is MemberAccessExpressionSyntax access && access.Expression == node && access.Parent is InvocationExpressionSyntax outer)
        {
            node = outer;
        }

        return node;
    }

    /// <summary>
    /// Removes <paramref name="call"/> from its chain (<c>a.B().C()</c> without <c>B</c> is <c>a.C()</c>); a call that is a
    /// whole statement on a plain receiver (<c>b.MarkLabel(l);</c>) removes the statement.
    /// </summary>
    public static SyntaxNode RemoveCall(SyntaxNode root, InvocationExpressionSyntax call)
    {
        if (call.Expression is not MemberAccessExpressionSyntax access)
        {
            return root;
        }

        if (call.Parent is ExpressionStatementSyntax statement && access.Expression is not InvocationExpressionSyntax)
        {
            return root.RemoveNode(statement, SyntaxRemoveOptions.KeepExteriorTrivia) ?? root;
        }

        // The receiver keeps its own trailing trivia (the line break before ".B()" in a multi-line chain).
        var receiver = access.Expression.WithLeadingTrivia(call.GetLeadingTrivia());
        if (call.Parent is not MemberAccessExpressionSyntax)
        {
            receiver = receiver.WithTrailingTrivia(call.GetTrailingTrivia());
        }

        return root.ReplaceNode(call, receiver);
    }

    /// <summary><c>receiver.name(arguments)</c>.</summary>
    public static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string name, params ExpressionSyntax[] arguments) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(SyntaxFactory.Argument))));

    /// <summary>An integer literal.</summary>
    public static ExpressionSyntax Int(int value) => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

    /// <summary>
    /// <c>receiver.A(x).B(y)</c> in place of the call <paramref name="access"/> names: the first call keeps the original
    /// <c>.Name</c> layout (a line break before the dot in a multi-line chain).
    /// </summary>
    public static ExpressionSyntax Steps(MemberAccessExpressionSyntax access, System.Collections.Generic.IReadOnlyList<(string Method, ExpressionSyntax Arg)> steps)
    {
        ExpressionSyntax final = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression, access.OperatorToken, SyntaxFactory.IdentifierName(steps[0].Method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(steps[0].Arg))));
        for (var i = 1; i < steps.Count; i++)
        {
            final = Call(final, steps[i].Method, steps[i].Arg);
        }

        return final;
    }
}
