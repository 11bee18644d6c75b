using ByteFluent.Versions;

namespace ByteFluent.Marshal;

/// <summary>The result of reading one marshalled value.</summary>
/// <param name="Value">The value.</param>
/// <param name="Layout">How it was encoded (pass it to <see cref="MarshalWriter"/> to reproduce the bytes).</param>
/// <param name="Length">The number of bytes the value occupied (CPython ignores anything after it).</param>
public sealed record MarshalReadResult(PyObject Value, MarshalLayout Layout, int Length);

/// <summary>Options of <see cref="MarshalReader"/>.</summary>
public sealed record MarshalReaderOptions
{
    /// <summary>The default options.</summary>
    public static MarshalReaderOptions Default { get; } = new();

    /// <summary>The deepest nesting accepted, counted as CPython counts it (the outermost object is depth 1).</summary>
    public int MaxDepth { get; init; } = MarshalFormat.CPythonMaxDepth;

    /// <summary>Added to offsets in <see cref="PycFormatException"/> (e.g. the size of a .pyc header).</summary>
    public long BaseOffset { get; init; }
}

/// <summary>
/// Reads CPython's marshal format (the payload of .pyc files and of <c>marshal.dumps</c>) into
/// <see cref="PyObject"/> values. Accepts what the given version's CPython accepts, rejects everything
/// else with <see cref="PycFormatException"/>, and never allocates more than the input could justify.
/// Differences from CPython: containers that contain themselves (possible with FLAG_REF for tuples,
/// lists, dicts and sets) are rejected because the value model is immutable; a dict entry whose value is
/// NULL (which CPython silently drops) is rejected.
/// </summary>
public static class MarshalReader
{
    /// <summary>Reads one value and its layout from the start of <paramref name="data"/>.</summary>
    /// <exception cref="PycFormatException">The data is malformed.</exception>
    public static MarshalReadResult Read(ReadOnlySpan<byte> data, MarshalFormat format, MarshalReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        var decoder = new MarshalDecoder(data, format, options ?? MarshalReaderOptions.Default);
        var value = decoder.ReadRoot(out var layout);
        return new MarshalReadResult(value, layout, decoder.Position);
    }

    /// <summary>Reads one value (like <c>marshal.loads</c> of <paramref name="version"/>).</summary>
    /// <exception cref="PycFormatException">The data is malformed.</exception>
    public static PyObject Loads(ReadOnlySpan<byte> data, PythonVersion version) => Read(data, MarshalFormat.For(version)).Value;
}
