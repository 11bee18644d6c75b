namespace ByteFluent.Transforms;

/// <summary>
/// A transform could not be applied to a code object, or the result could not be assembled: names the transform,
/// the code object (qualified name and first line) and, in <see cref="Exception.InnerException"/>, the cause.
/// </summary>
public sealed class TransformFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransformFailedException(string transform, string codeName, int firstLine, Exception inner)
        : base($"{transform}: code object {codeName} (line {firstLine}): {inner?.Message}", inner)
    {
        Transform = transform;
        CodeName = codeName;
        FirstLine = firstLine;
    }

    /// <summary>The transform's name.</summary>
    public string Transform { get; }

    /// <summary>The qualified name (3.11+) or name of the code object.</summary>
    public string CodeName { get; }

    /// <summary>The code object's first line.</summary>
    public int FirstLine { get; }
}
