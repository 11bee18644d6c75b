namespace ByteFluent.Model;

/// <summary>
/// byteplay's <c>Label</c>: a place in the code list. It does nothing by itself; jumps and exception regions
/// refer to it. Labels compare by identity.
/// </summary>
public sealed class Label : CodeItem
{
    /// <summary>Creates a label, optionally named for listings.</summary>
    public Label(string? name = null) => Name = name;

    /// <summary>An optional name shown in listings.</summary>
    public string? Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name ?? "Label";
}
