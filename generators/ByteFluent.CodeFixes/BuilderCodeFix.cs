using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeActions;

namespace ByteFluent.CodeFixes;

/// <summary>
/// What every ByteFluent code fix shares: the ids it fixes, batch fix-all, the document's syntax root and semantic
/// model fetched once, and one <see cref="FixSite"/> per diagnostic handed to <see cref="Register"/>.
/// </summary>
public abstract class BuilderCodeFix : CodeFixProvider
{
    /// <summary>A fix for the diagnostics <paramref name="ids"/>.</summary>
    protected BuilderCodeFix(params string[] ids) => FixableDiagnosticIds = ImmutableArray.Create(ids);

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            Register(new FixSite(context, root, model, diagnostic, GetType().Name));
        }
    }

    /// <summary>Offers this fix's edits (<see cref="FixSite.Offer"/>) for one diagnostic, or nothing when no edit is evident.</summary>
    protected abstract void Register(FixSite site);
}

/// <summary>One diagnostic to fix: where it is, in which document and model, and how to offer an edit.</summary>
public sealed class FixSite
{
    private readonly CodeFixContext context;
    private readonly string fixName;

    internal FixSite(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string fixName)
    {
        this.context = context;
        this.fixName = fixName;
        Root = root;
        Model = model;
        Diagnostic = diagnostic;
    }

    /// <summary>The document's syntax root.</summary>
    public SyntaxNode Root { get; }

    /// <summary>The document's semantic model.</summary>
    public SemanticModel Model { get; }

    /// <summary>The diagnostic being fixed.</summary>
    public Diagnostic Diagnostic { get; }

    /// <summary>Where the diagnostic starts.</summary>
    public int Start => Diagnostic.Location.SourceSpan.Start;

    /// <summary>The node the diagnostic covers.</summary>
    public SyntaxNode Node => Root.FindNode(Diagnostic.Location.SourceSpan);

    /// <summary>The argument the diagnostic covers (or whose expression it covers), if any.</summary>
    public ArgumentSyntax? Argument => Node as ArgumentSyntax ?? Node.Parent as ArgumentSyntax;

    /// <summary>The type of an expression.</summary>
    public ITypeSymbol? TypeOf(ExpressionSyntax expression) => Model.GetTypeInfo(expression, context.CancellationToken).Type;

    /// <summary>Offers an edit of the document: the new root is made only when the fix is chosen.</summary>
    /// <param name="title">What the fix does, as the editor shows it.</param>
    /// <param name="newRoot">The document's root after the edit.</param>
    /// <param name="variant">Tells apart two fixes of one provider (the equivalence key is the provider's name plus it).</param>
    public void Offer(string title, Func<SyntaxNode> newRoot, string? variant = null) =>
        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot())), variant is null ? fixName : fixName + "." + variant),
            Diagnostic);
}
