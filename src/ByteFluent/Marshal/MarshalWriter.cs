using ByteFluent.Versions;

namespace ByteFluent.Marshal;

/// <summary>Options of <see cref="MarshalWriter"/>.</summary>
public sealed record MarshalWriterOptions
{
    /// <summary>The default options.</summary>
    public static MarshalWriterOptions Default { get; } = new();

    /// <summary>The deepest nesting written (CPython refuses deeper values too).</summary>
    public int MaxDepth { get; init; } = MarshalFormat.CPythonMaxDepth;
}

/// <summary>
/// Writes <see cref="PyObject"/> values in CPython's marshal format.
/// <para>
/// With the <see cref="MarshalLayout"/> captured when the value was read, the output is byte-identical
/// to the input wherever the value is unchanged (compared by value). Elsewhere — and for newly built
/// values — it follows CPython's choices for compiled code:
/// </para>
/// <list type="bullet">
/// <item>ints: 'i' when they fit in 32 bits, 2.7 'I' when they fit in 64, else 'l'; floats and complex in binary.</item>
/// <item>strings: the <see cref="PyString.Form"/>; for <see cref="PyStringForm.Auto"/> the shortest ascii form
/// or 'u'; identifiers in code objects (names, local/cell/free names, name, qualname, and from 3.13 the
/// filename) are interned like CPython interns them.</item>
/// <item>references (marshal version 3+): CPython flags every object whose reference count is above one and
/// refers back to it by identity, which no file records. ByteFluent emulates what CPython produces for compiled
/// code: a value is shared (flagged at its first occurrence, referenced afterwards) when it occurs more than once
/// where CPython would hold one object for it — identifiers (interned), the filename, constants (merged by value),
/// from 3.8 a code object's name and consts tuples, from 3.10 its bytecode and line tables (not from 3.11, where
/// co_code is made afresh when marshalled) — but never the locals kinds. Always flagged: interned strings, the
/// objects CPython keeps one instance of (small ints -5..256, empty tuple/bytes/str, one-character Latin-1
/// strings), 3.11+ bytecode, and (up to 3.14) the module's code object. On the standard library this is within
/// 0.1% of CPython's size for every version and byte-identical for most 3.11+ files. 2.7 interned strings are
/// written as 't' once and then as 'R' references.</item>
/// </list>
/// </summary>
public static class MarshalWriter
{
    /// <summary>Writes <paramref name="value"/>, following <paramref name="layout"/> wherever it fits the value.</summary>
    /// <exception cref="MarshalWriteException">The value cannot be written in this format.</exception>
    public static byte[] Write(PyObject value, MarshalFormat format, MarshalLayout? layout = null, MarshalWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(format);
        var encoder = new MarshalEncoder(format, options ?? MarshalWriterOptions.Default, value);
        encoder.WriteRoot(value, layout);
        return encoder.ToArray();
    }

    /// <summary>As <see cref="Write(PyObject, MarshalFormat, MarshalLayout?, MarshalWriterOptions?)"/>, with <paramref name="prefix"/> before and <paramref name="suffix"/> after the value in one array (a .pyc's header and trailer).</summary>
    internal static byte[] Write(PyObject value, MarshalFormat format, MarshalLayout? layout, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> suffix)
    {
        var encoder = new MarshalEncoder(format, MarshalWriterOptions.Default, value);
        encoder.WriteRoot(value, layout);
        return encoder.ToArray(prefix, suffix);
    }

    /// <summary>Writes <paramref name="value"/> like CPython's <c>marshal.dumps</c> for compiled code of <paramref name="version"/>.</summary>
    public static byte[] Dumps(PyObject value, PythonVersion version) => Write(value, MarshalFormat.For(version));
}
