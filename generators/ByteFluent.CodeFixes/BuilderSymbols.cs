namespace ByteFluent.CodeFixes;

/// <summary>Recognises the generated builders (<c>Python312.Builder</c>: a nested <c>Builder</c> deriving from <c>CodeBuilder&lt;T&gt;</c>).</summary>
internal static class BuilderSymbols
{
    /// <summary>The version class (<c>Python312</c>) of a generated builder type, or null.</summary>
    public static INamedTypeSymbol? VersionClass(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { Name: "Builder", ContainingType: { } cls })
        {
            return null;
        }

        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.OriginalDefinition.MetadataName == "CodeBuilder`1" && t.ContainingNamespace?.ToDisplayString() == "ByteFluent.Building")
            {
                return cls;
            }
        }

        return null;
    }
}
