namespace ByteFluent.Marshal;

/// <summary>Python's <c>None</c>.</summary>
public sealed record PyNone : PyObject
{
    private PyNone()
    {
    }

    /// <summary>The only instance.</summary>
    public static PyNone Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "NoneType";
}

/// <summary>Python's <c>Ellipsis</c> (<c>...</c>).</summary>
public sealed record PyEllipsis : PyObject
{
    private PyEllipsis()
    {
    }

    /// <summary>The only instance.</summary>
    public static PyEllipsis Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "ellipsis";
}

/// <summary>The class object <c>StopIteration</c> (marshal can carry it, as a singleton).</summary>
public sealed record PyStopIteration : PyObject
{
    private PyStopIteration()
    {
    }

    /// <summary>The only instance.</summary>
    public static PyStopIteration Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "type";
}

/// <summary>Python's <c>True</c> and <c>False</c>.</summary>
public sealed record PyBool : PyObject
{
    private PyBool(bool value) => Value = value;

    /// <summary><c>True</c>.</summary>
    public static PyBool True { get; } = new(true);

    /// <summary><c>False</c>.</summary>
    public static PyBool False { get; } = new(false);

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <inheritdoc/>
    public override string TypeName => "bool";

    /// <summary>The instance for <paramref name="value"/>.</summary>
    public static PyBool Of(bool value) => value ? True : False;
}
