using System.Collections.Immutable;

namespace ByteFluent.Marshal;

/// <summary>A Python <c>tuple</c>.</summary>
public sealed record PyTuple : PyObject
{
    /// <summary>Creates a tuple of <paramref name="items"/>.</summary>
    public PyTuple(ImmutableArray<PyObject> items) => Items = items.IsDefault ? [] : items;

    /// <summary>Creates a tuple of <paramref name="items"/>.</summary>
    public PyTuple(params IEnumerable<PyObject> items) => Items = [.. items];

    /// <summary>The elements, in order.</summary>
    public ImmutableArray<PyObject> Items { get; init; }

    /// <summary>The number of elements.</summary>
    public int Count => Items.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public PyObject this[int index] => Items[index];

    /// <inheritdoc/>
    public override string TypeName => "tuple";

    /// <inheritdoc/>
    public bool Equals(PyTuple? other) => other is not null && PyEquality.Items(Items, other.Items);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Items(Items, 4);
}

/// <summary>A Python <c>list</c> (immutable here: a snapshot of the marshalled list).</summary>
public sealed record PyList : PyObject
{
    /// <summary>Creates a list of <paramref name="items"/>.</summary>
    public PyList(ImmutableArray<PyObject> items) => Items = items.IsDefault ? [] : items;

    /// <summary>Creates a list of <paramref name="items"/>.</summary>
    public PyList(params IEnumerable<PyObject> items) => Items = [.. items];

    /// <summary>The elements, in order.</summary>
    public ImmutableArray<PyObject> Items { get; init; }

    /// <summary>The number of elements.</summary>
    public int Count => Items.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public PyObject this[int index] => Items[index];

    /// <inheritdoc/>
    public override string TypeName => "list";

    /// <inheritdoc/>
    public bool Equals(PyList? other) => other is not null && PyEquality.Items(Items, other.Items);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Items(Items, 5);
}

/// <summary>A Python <c>set</c>, elements in marshal order (equality is order-sensitive; see <see cref="PyEquality.SetEquals"/>).</summary>
public sealed record PySet : PyObject
{
    /// <summary>Creates a set of <paramref name="items"/>.</summary>
    public PySet(ImmutableArray<PyObject> items) => Items = items.IsDefault ? [] : items;

    /// <summary>Creates a set of <paramref name="items"/>.</summary>
    public PySet(params IEnumerable<PyObject> items) => Items = [.. items];

    /// <summary>The elements, in order.</summary>
    public ImmutableArray<PyObject> Items { get; init; }

    /// <summary>The number of elements.</summary>
    public int Count => Items.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public PyObject this[int index] => Items[index];

    /// <inheritdoc/>
    public override string TypeName => "set";

    /// <inheritdoc/>
    public bool Equals(PySet? other) => other is not null && PyEquality.Items(Items, other.Items);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Items(Items, 6);
}

/// <summary>A Python <c>frozenset</c>, elements in marshal order (equality is order-sensitive; see <see cref="PyEquality.SetEquals"/>).</summary>
public sealed record PyFrozenSet : PyObject
{
    /// <summary>Creates a frozenset of <paramref name="items"/>.</summary>
    public PyFrozenSet(ImmutableArray<PyObject> items) => Items = items.IsDefault ? [] : items;

    /// <summary>Creates a frozenset of <paramref name="items"/>.</summary>
    public PyFrozenSet(params IEnumerable<PyObject> items) => Items = [.. items];

    /// <summary>The elements, in order.</summary>
    public ImmutableArray<PyObject> Items { get; init; }

    /// <summary>The number of elements.</summary>
    public int Count => Items.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public PyObject this[int index] => Items[index];

    /// <inheritdoc/>
    public override string TypeName => "frozenset";

    /// <inheritdoc/>
    public bool Equals(PyFrozenSet? other) => other is not null && PyEquality.Items(Items, other.Items);

    /// <inheritdoc/>
    public override int GetHashCode() => PyHash.Items(Items, 7);
}
