using System.Collections.Immutable;

namespace ByteFluent.Marshal;

/// <summary>A Python 3 <c>bytes</c> object. (Python 2 byte strings are <see cref="PyString"/> with a 2.7 form.)</summary>
public sealed record PyBytes : PyObject
{
    /// <summary>Creates a bytes object.</summary>
    public PyBytes(ImmutableArray<byte> value) => Value = value.IsDefault ? [] : value;

    /// <summary>Creates a bytes object from a copy of <paramref name="value"/>.</summary>
    public static PyBytes Copy(ReadOnlySpan<byte> value) => new(ImmutableArray.Create(value));

    /// <summary>The empty bytes object.</summary>
    public static PyBytes Empty { get; } = new(ImmutableArray<byte>.Empty);

    /// <summary>The bytes.</summary>
    public ImmutableArray<byte> Value { get; }

    /// <inheritdoc/>
    public override string TypeName => "bytes";

    /// <inheritdoc/>
    public bool Equals(PyBytes? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Bytes(Value.AsSpan());
}
