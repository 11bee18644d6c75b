namespace ByteFluent.Marshal;

/// <summary>
/// An immutable Python value that the <c>marshal</c> format can carry. Values compare by value
/// (structurally, in element order); how a value was encoded (reference flags, back-references, the
/// integer and float encodings) is not part of the value and lives in a <see cref="MarshalLayout"/>.
/// The one encoding detail kept on the value itself is <see cref="PyString.Form"/>, because it decides
/// whether a string is interned (and, in 2.7, whether it is a byte string or unicode).
/// </summary>
public abstract record PyObject
{
    private protected PyObject()
    {
    }

    /// <summary>A short name of the Python type ("int", "tuple", "code", ...).</summary>
    public abstract string TypeName { get; }

    /// <summary>The Python-style representation of the value (Python 3 syntax).</summary>
    public sealed override string ToString() => PyRepr.Of(this);

    /// <summary>Converts a C# string to a <see cref="PyString"/> with <see cref="PyStringForm.Auto"/>.</summary>
    public static implicit operator PyObject(string value) => new PyString(value);

    /// <summary>Converts a C# integer to a <see cref="PyInt"/>.</summary>
    public static implicit operator PyObject(long value) => new PyInt(value);

    /// <summary>Converts a C# double to a <see cref="PyFloat"/>.</summary>
    public static implicit operator PyObject(double value) => new PyFloat(value);

    /// <summary>Converts a C# bool to <see cref="PyBool"/>.</summary>
    public static implicit operator PyObject(bool value) => PyBool.Of(value);
}
