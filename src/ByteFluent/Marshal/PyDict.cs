using System.Collections.Immutable;

namespace ByteFluent.Marshal;

/// <summary>A Python <c>dict</c>; entries in marshal order, as written (duplicate keys are not merged).</summary>
public sealed record PyDict : PyObject
{
    /// <summary>Creates a dict of <paramref name="entries"/>.</summary>
    public PyDict(ImmutableArray<KeyValuePair<PyObject, PyObject>> entries) => Entries = entries.IsDefault ? [] : entries;

    /// <summary>Creates a dict of <paramref name="entries"/>.</summary>
    public PyDict(params IEnumerable<(PyObject Key, PyObject Value)> entries) => Entries = [.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value))];

    /// <summary>The entries, in order.</summary>
    public ImmutableArray<KeyValuePair<PyObject, PyObject>> Entries { get; init; }

    /// <summary>The number of entries.</summary>
    public int Count => Entries.Length;

    /// <inheritdoc/>
    public override string TypeName => "dict";

    /// <inheritdoc/>
    public bool Equals(PyDict? other) => other is not null && PyEquality.Entries(Entries, other.Entries);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Entries(Entries);
}

/// <summary>A Python 3.15 <c>frozendict</c>; entries in marshal order.</summary>
public sealed record PyFrozenDict : PyObject
{
    /// <summary>Creates a frozendict of <paramref name="entries"/>.</summary>
    public PyFrozenDict(ImmutableArray<KeyValuePair<PyObject, PyObject>> entries) => Entries = entries.IsDefault ? [] : entries;

    /// <summary>Creates a frozendict of <paramref name="entries"/>.</summary>
    public PyFrozenDict(params IEnumerable<(PyObject Key, PyObject Value)> entries) => Entries = [.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value))];

    /// <summary>The entries, in order.</summary>
    public ImmutableArray<KeyValuePair<PyObject, PyObject>> Entries { get; init; }

    /// <summary>The number of entries.</summary>
    public int Count => Entries.Length;

    /// <inheritdoc/>
    public override string TypeName => "frozendict";

    /// <inheritdoc/>
    public bool Equals(PyFrozenDict? other) => other is not null && PyEquality.Entries(Entries, other.Entries);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Entries(Entries);
}
