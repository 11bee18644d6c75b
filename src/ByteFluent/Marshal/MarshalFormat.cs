using ByteFluent.Versions;

namespace ByteFluent.Marshal;

/// <summary>
/// What marshal data means for one Python version: the marshal protocol version written (0 up to 2.3, 1 for 2.4
/// (interned strings), 2 for 2.5–3.3 (binary floats), 4 for 3.4–3.13 (references, compact strings), 5 for 3.14 (adds
/// slice), 6 for 3.15 (adds frozendict)), the code object layout, whether strings of type 's' are Python 2 byte
/// strings, and which type codes the reader accepts.
/// </summary>
public sealed class MarshalFormat
{
    /// <summary>CPython's MAX_MARSHAL_STACK_DEPTH on Linux and macOS (pyodide builds use 1500).</summary>
    public const int CPythonMaxDepth = 2000;

    private static readonly Dictionary<PythonVersion, MarshalFormat> Cache = PythonVersion.Supported.ToDictionary(v => v, Create);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(PythonVersion, CodeObjectLayout), MarshalFormat> Eras = new();

    private MarshalFormat(PythonVersion version, int marshalVersion, CodeObjectLayout layout)
    {
        PythonVersion = version;
        MarshalVersion = marshalVersion;
        CodeLayout = layout;
    }

    /// <summary>The Python version.</summary>
    public PythonVersion PythonVersion { get; }

    /// <summary>The marshal protocol version CPython writes for .pyc files of this version.</summary>
    public int MarshalVersion { get; }

    /// <summary>The layout of code objects.</summary>
    public CodeObjectLayout CodeLayout { get; }

    /// <summary>Whether this is Python 1 or 2 (strings 's'/'t'/'R' are byte strings; no FLAG_REF).</summary>
    public bool IsPython2 => PythonVersion.Major <= 2;

    /// <summary>Whether interned strings are written as 't' and referenced as 'R' (2.4–2.7, marshal version 1+).</summary>
    public bool InternsStrings => IsPython2 && MarshalVersion >= 1;

    /// <summary>Whether floats are written in binary ('g', 'y'; marshal version 2+) rather than as text.</summary>
    public bool HasBinaryFloats => MarshalVersion >= 2;

    /// <summary>Whether objects may carry FLAG_REF and be referenced with 'r' (marshal version 3+).</summary>
    public bool UsesObjectRefs => MarshalVersion >= 3;

    /// <summary>Whether the ascii string forms and small tuples exist (marshal version 4+).</summary>
    public bool HasCompactForms => MarshalVersion >= 4;

    /// <summary>Whether slices can be marshalled (version 5+, CPython 3.14+).</summary>
    public bool HasSlice => MarshalVersion >= 5;

    /// <summary>Whether frozendicts can be marshalled (version 6+, CPython 3.15+).</summary>
    public bool HasFrozenDict => MarshalVersion >= 6;

    /// <summary>The format of a supported version.</summary>
    /// <exception cref="ArgumentException">The version is not supported.</exception>
    public static MarshalFormat For(PythonVersion version) => Cache.TryGetValue(version, out var f)
        ? f
        : throw new ArgumentException($"Python {version} is not supported (supported: {string.Join(", ", PythonVersion.Supported)}).", nameof(version));

    /// <summary>
    /// The format of a version with another code-object layout (a pre-release's, e.g. 3.8.0a3's, which predates
    /// posonlyargcount); <paramref name="layout"/> null or the version's own gives <see cref="For(PythonVersion)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The version is not supported.</exception>
    public static MarshalFormat For(PythonVersion version, CodeObjectLayout? layout)
    {
        var standard = For(version);
        return layout is null || ReferenceEquals(layout, standard.CodeLayout)
            ? standard
            : Eras.GetOrAdd((version, layout), k => new MarshalFormat(k.Item1, standard.MarshalVersion, k.Item2));
    }

    /// <inheritdoc/>
    public override string ToString() => $"Python {PythonVersion} (marshal version {MarshalVersion}, code layout {CodeLayout})";

    private static MarshalFormat Create(PythonVersion v)
    {
        if (v.Major <= 2)
        {
            var old = v switch
            {
                _ when v < PythonVersion.V1_3 => CodeObjectLayout.Python10,
                _ when v < PythonVersion.V1_5 => CodeObjectLayout.Python13,
                _ when v < PythonVersion.V2_1 => CodeObjectLayout.Python15,
                _ when v < PythonVersion.V2_3 => CodeObjectLayout.Python21,
                _ => CodeObjectLayout.Python27,
            };
            var version = v < PythonVersion.V2_4 ? 0 : v < PythonVersion.V2_5 ? 1 : 2;
            return new MarshalFormat(v, version, old);
        }

        var layout = v.Minor switch
        {
            <= 7 => CodeObjectLayout.Python30,
            <= 10 => CodeObjectLayout.Python38,
            _ => CodeObjectLayout.Python311,
        };
        var marshal = v.Minor switch
        {
            <= 3 => 2,
            <= 13 => 4,
            14 => 5,
            _ => 6,
        };
        return new MarshalFormat(v, marshal, layout);
    }
}
