using System.Collections.Immutable;
using System.Numerics;
using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Building;

/// <summary>
/// A constant argument for <c>LOAD_CONST</c> and its relatives: a marshal value (<see cref="PyObject"/>) or a nested
/// <see cref="Code"/>. C# values convert implicitly, so builders accept <c>LoadConst(1)</c>, <c>LoadConst("hi")</c>,
/// <c>LoadConst((1, "a"))</c> or <c>LoadConst(nestedCode)</c>; <c>default</c> is Python's <c>None</c>.
/// </summary>
public readonly struct Constant : IEquatable<Constant>
{
    private readonly object? value;

    private Constant(object value) => this.value = value;

    /// <summary>Python's <c>None</c> (also <c>default(Constant)</c>).</summary>
    public static Constant None => default;

    /// <summary>Python's <c>Ellipsis</c>.</summary>
    public static Constant Ellipsis => new(PyEllipsis.Instance);

    /// <summary>The value as the code model stores it: a <see cref="PyObject"/> or a nested <see cref="Code"/>.</summary>
    public object Value => value ?? PyNone.Instance;

    /// <summary>The value as a marshal object; a nested <see cref="Code"/> has none until it is assembled.</summary>
    /// <exception cref="ConstantKindException">The constant is a nested <see cref="Code"/>.</exception>
    public PyObject AsPyObject() => Value as PyObject
        ?? throw new ConstantKindException("a nested Code constant cannot be placed inside a tuple or frozenset; assemble it first with ToCode()");

    /// <summary>A tuple of constants (nested code objects must be assembled first).</summary>
    public static Constant Tuple(params ReadOnlySpan<Constant> items)
    {
        var builder = ImmutableArray.CreateBuilder<PyObject>(items.Length);
        foreach (var item in items)
        {
            builder.Add(item.AsPyObject());
        }

        return new Constant(new PyTuple(builder.MoveToImmutable()));
    }

    /// <summary>A frozenset of constants (as the compiler makes for <c>x in {1, 2}</c>).</summary>
    public static Constant FrozenSet(params ReadOnlySpan<Constant> items)
    {
        var list = new List<PyObject>(items.Length);
        foreach (var item in items)
        {
            list.Add(item.AsPyObject());
        }

        return new Constant(new PyFrozenSet(list));
    }

    /// <summary>An integer.</summary>
    public static implicit operator Constant(int value) => new(new PyInt(value));

    /// <summary>An integer.</summary>
    public static implicit operator Constant(long value) => new(new PyInt(value));

    /// <summary>An integer of any size.</summary>
    public static implicit operator Constant(BigInteger value) => new(new PyInt(value));

    /// <summary>A float.</summary>
    public static implicit operator Constant(double value) => new(new PyFloat(value));

    /// <summary><c>True</c> or <c>False</c>.</summary>
    public static implicit operator Constant(bool value) => new(PyBool.Of(value));

    /// <summary>A text string (<c>None</c> when null).</summary>
    public static implicit operator Constant(string? value) => value is null ? None : new Constant(new PyString(value));

    /// <summary>A bytes object (<c>None</c> when null).</summary>
    public static implicit operator Constant(byte[]? value) => value is null ? None : new Constant(new PyBytes(ImmutableArray.Create(value)));

    /// <summary>Any marshal value (<c>None</c> when null).</summary>
    public static implicit operator Constant(PyObject? value) => value is null ? None : new Constant(value);

    /// <summary>A nested code object, assembled together with the code that loads it (<c>None</c> when null).</summary>
    public static implicit operator Constant(Code? value) => value is null ? None : new Constant(value);

    /// <summary>A 2-tuple.</summary>
    public static implicit operator Constant((Constant, Constant) value) => Tuple(value.Item1, value.Item2);

    /// <summary>A 3-tuple.</summary>
    public static implicit operator Constant((Constant, Constant, Constant) value) => Tuple(value.Item1, value.Item2, value.Item3);

    /// <summary>A 4-tuple.</summary>
    public static implicit operator Constant((Constant, Constant, Constant, Constant) value) =>
        Tuple(value.Item1, value.Item2, value.Item3, value.Item4);

    /// <summary>Whether two constants hold the same value (marshal values compare strictly, code by reference).</summary>
    public bool Equals(Constant other) => Value is PyObject a && other.Value is PyObject b
        ? PyEquality.Strict(a, b)
        : ReferenceEquals(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Constant other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value is PyObject p ? p.GetHashCode() : Value.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(Constant left, Constant right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Constant left, Constant right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Value is PyObject p ? PyRepr.Of(p) : Value.ToString() ?? string.Empty;
}
