namespace ByteFluent.Transforms;

/// <summary>A transform name that <see cref="CodeTransforms"/> does not know.</summary>
public sealed class UnknownTransformException : Exception
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public UnknownTransformException(string name)
        : base($"unknown transform '{name}' (known: {string.Join(", ", CodeTransforms.Names)})")
    {
        TransformName = name;
    }

    /// <summary>The name asked for.</summary>
    public string TransformName { get; }
}
