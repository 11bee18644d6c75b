using System.Collections.Generic;
using System.Text;

namespace ByteFluent.CodeFixes;

/// <summary>
/// CS1061 on a builder, for an opcode that its version replaced (calling <c>RotTwo()</c> on a 3.11+ builder does not
/// compile): the replacement CPython 3.11's compiler itself made, with exactly the same effect on the stack —
/// ROT_TWO = SWAP(2); ROT_THREE = SWAP(3), SWAP(2); ROT_FOUR = SWAP(4), SWAP(3), SWAP(2); DUP_TOP = COPY(1);
/// DUP_TOP_TWO = COPY(2), COPY(2); BINARY_x / INPLACE_x = BINARY_OP with that operator (MODULO is NB_REMAINDER).
/// Offered only when the builder has the replacement (and the operator).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplacedOpcodeFix)), Shared]
public sealed class ReplacedOpcodeFix() : BuilderCodeFix("CS1061")
{
    private static readonly Dictionary<string, (string Method, int Arg)[]> Stack = new()
    {
        ["RotTwo"] = [("Swap", 2)],
        ["RotThree"] = [("Swap", 3), ("Swap", 2)],
        ["RotFour"] = [("Swap", 4), ("Swap", 3), ("Swap", 2)],
        ["DupTop"] = [("Copy", 1)],
        ["DupTopTwo"] = [("Copy", 2), ("Copy", 2)],
    };

    /// <inheritdoc/>
    protected override void Register(FixSite site)
    {
        if (ChainSyntax.CallNamedAt(site.Root, site.Start) is not { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax access } call
            || site.TypeOf(access.Expression) is not { } builder
            || BuilderSymbols.VersionClass(builder) is not { } cls)
        {
            return;
        }

        var name = access.Name.Identifier.ValueText;
        if (Replacement(builder, cls, name, site.Model, call.SpanStart) is not { } replacement)
        {
            return;
        }

        var final = ChainSyntax.Steps(access, replacement.Steps).WithTriviaFrom(call);
        site.Offer($"Use {replacement.Title} ({name} was replaced in CPython {Version(cls)})", () => site.Root.ReplaceNode(call, final));
    }

    /// <summary>
    /// The exact replacement of the typed method <paramref name="name"/> (e.g. <c>RotTwo</c>) on a builder whose version
    /// lacks it: the calls and a title, or null when the builder has no exact replacement.
    /// </summary>
    internal static (List<(string Method, ExpressionSyntax Arg)> Steps, string Title)? Replacement(ITypeSymbol builder, INamedTypeSymbol cls, string name, SemanticModel model, int position)
    {
        var steps = new List<(string Method, ExpressionSyntax Arg)>();
        if (Stack.TryGetValue(name, out var stack) && stack.All(s => Has(builder, s.Method)))
        {
            steps.AddRange(stack.Select(s => (s.Method, ChainSyntax.Int(s.Arg))));
            return (steps, string.Join(".", stack.Select(s => $"{s.Method}({s.Arg})")));
        }

        if (Operator(name) is { } op && Has(builder, "BinaryOp")
            && cls.GetTypeMembers("BinaryOperator").FirstOrDefault() is { } operators && operators.GetMembers(op).Any())
        {
            var enumName = cls.ToMinimalDisplayString(model, position) + ".BinaryOperator." + op;
            steps.Add(("BinaryOp", SyntaxFactory.ParseExpression(enumName)));
            return (steps, $"BinaryOp({enumName})");
        }

        return null;
    }

    /// <summary>The version a generated class stands for.</summary>
    internal static string Version(INamedTypeSymbol cls) =>
        cls.GetTypeMembers("Builder").SelectMany(b => b.GetMembers("TargetVersion")).OfType<IFieldSymbol>().FirstOrDefault()?.ConstantValue as string ?? cls.Name;

    private static bool Has(ITypeSymbol builder, string method) => builder.GetMembers(method).OfType<IMethodSymbol>().Any();

    /// <summary>The BinaryOperator member for <c>BinaryAdd</c>/<c>InplaceAdd</c>-style names (MODULO is called REMAINDER there).</summary>
    private static string? Operator(string method)
    {
        string? rest = method.StartsWith("Binary", System.StringComparison.Ordinal) ? method.Substring("Binary".Length)
            : method.StartsWith("Inplace", System.StringComparison.Ordinal) ? method
            : null;
        if (string.IsNullOrEmpty(rest) || rest == "Op")
        {
            return null;
        }

        var sb = new StringBuilder(rest);
        sb.Replace("Modulo", "Remainder");
        return sb.ToString();
    }
}
