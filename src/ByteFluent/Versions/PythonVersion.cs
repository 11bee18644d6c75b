using System.Globalization;

namespace ByteFluent.Versions;

/// <summary>
/// A Python language version (major.minor) of one implementation (CPython or PyPy) whose bytecode ByteFluent reads
/// and writes. The comparison operators compare the language version only (PyPy 3.9 &gt;= 3.9 and &lt;= 3.9), so era
/// rules written against CPython versions apply to PyPy's bytecode of the same language; equality and
/// <see cref="CompareTo"/> also tell the implementations apart (CPython first).
/// </summary>
/// <param name="Major">1, 2 or 3.</param>
/// <param name="Minor">The minor version.</param>
/// <param name="Implementation">CPython (the default) or PyPy.</param>
public readonly record struct PythonVersion(int Major, int Minor, PythonImplementation Implementation = PythonImplementation.CPython)
    : IComparable<PythonVersion>, ISpanFormattable
{
    /// <summary>CPython 1.0.</summary>
    public static readonly PythonVersion V1_0 = new(1, 0);

    /// <summary>CPython 1.1 (also 1.2, which kept 1.1's magic number).</summary>
    public static readonly PythonVersion V1_1 = new(1, 1);

    /// <summary>CPython 1.3.</summary>
    public static readonly PythonVersion V1_3 = new(1, 3);

    /// <summary>CPython 1.4.</summary>
    public static readonly PythonVersion V1_4 = new(1, 4);

    /// <summary>CPython 1.5.</summary>
    public static readonly PythonVersion V1_5 = new(1, 5);

    /// <summary>CPython 1.6.</summary>
    public static readonly PythonVersion V1_6 = new(1, 6);

    /// <summary>CPython 2.0.</summary>
    public static readonly PythonVersion V2_0 = new(2, 0);

    /// <summary>CPython 2.1.</summary>
    public static readonly PythonVersion V2_1 = new(2, 1);

    /// <summary>CPython 2.2.</summary>
    public static readonly PythonVersion V2_2 = new(2, 2);

    /// <summary>CPython 2.3.</summary>
    public static readonly PythonVersion V2_3 = new(2, 3);

    /// <summary>CPython 2.4.</summary>
    public static readonly PythonVersion V2_4 = new(2, 4);

    /// <summary>CPython 2.5.</summary>
    public static readonly PythonVersion V2_5 = new(2, 5);

    /// <summary>CPython 2.6.</summary>
    public static readonly PythonVersion V2_6 = new(2, 6);

    /// <summary>CPython 2.7.</summary>
    public static readonly PythonVersion V2_7 = new(2, 7);

    /// <summary>CPython 3.0.</summary>
    public static readonly PythonVersion V3_0 = new(3, 0);

    /// <summary>CPython 3.1.</summary>
    public static readonly PythonVersion V3_1 = new(3, 1);

    /// <summary>CPython 3.2.</summary>
    public static readonly PythonVersion V3_2 = new(3, 2);

    /// <summary>CPython 3.3.</summary>
    public static readonly PythonVersion V3_3 = new(3, 3);

    /// <summary>CPython 3.4.</summary>
    public static readonly PythonVersion V3_4 = new(3, 4);

    /// <summary>CPython 3.5.</summary>
    public static readonly PythonVersion V3_5 = new(3, 5);

    /// <summary>CPython 3.6.</summary>
    public static readonly PythonVersion V3_6 = new(3, 6);

    /// <summary>CPython 3.7.</summary>
    public static readonly PythonVersion V3_7 = new(3, 7);

    /// <summary>CPython 3.8.</summary>
    public static readonly PythonVersion V3_8 = new(3, 8);

    /// <summary>CPython 3.9.</summary>
    public static readonly PythonVersion V3_9 = new(3, 9);

    /// <summary>CPython 3.10.</summary>
    public static readonly PythonVersion V3_10 = new(3, 10);

    /// <summary>CPython 3.11.</summary>
    public static readonly PythonVersion V3_11 = new(3, 11);

    /// <summary>CPython 3.12.</summary>
    public static readonly PythonVersion V3_12 = new(3, 12);

    /// <summary>CPython 3.13.</summary>
    public static readonly PythonVersion V3_13 = new(3, 13);

    /// <summary>CPython 3.14.</summary>
    public static readonly PythonVersion V3_14 = new(3, 14);

    /// <summary>CPython 3.15.</summary>
    public static readonly PythonVersion V3_15 = new(3, 15);

    /// <summary>PyPy 2.7.</summary>
    public static readonly PythonVersion PyPy2_7 = new(2, 7, PythonImplementation.PyPy);

    /// <summary>PyPy 3.2.</summary>
    public static readonly PythonVersion PyPy3_2 = new(3, 2, PythonImplementation.PyPy);

    /// <summary>PyPy 3.5.</summary>
    public static readonly PythonVersion PyPy3_5 = new(3, 5, PythonImplementation.PyPy);

    /// <summary>PyPy 3.6.</summary>
    public static readonly PythonVersion PyPy3_6 = new(3, 6, PythonImplementation.PyPy);

    /// <summary>PyPy 3.7.</summary>
    public static readonly PythonVersion PyPy3_7 = new(3, 7, PythonImplementation.PyPy);

    /// <summary>PyPy 3.8.</summary>
    public static readonly PythonVersion PyPy3_8 = new(3, 8, PythonImplementation.PyPy);

    /// <summary>PyPy 3.9.</summary>
    public static readonly PythonVersion PyPy3_9 = new(3, 9, PythonImplementation.PyPy);

    /// <summary>
    /// The CPython versions whose bytecode the tests check in a real interpreter (pyenv or pyodide), oldest first:
    /// 2.7 and 3.6–3.15.
    /// </summary>
    public static IReadOnlyList<PythonVersion> WithInterpreter { get; } =
        [V2_7, V3_6, V3_7, V3_8, V3_9, V3_10, V3_11, V3_12, V3_13, V3_14, V3_15];

    /// <summary>
    /// Every supported version, CPython oldest first, then PyPy: CPython 1.0–3.15 (one entry per release line; 1.1
    /// covers 1.2) and PyPy 2.7, 3.2, 3.5–3.9.
    /// </summary>
    public static IReadOnlyList<PythonVersion> Supported { get; } =
    [
        V1_0, V1_1, V1_3, V1_4, V1_5, V1_6, V2_0, V2_1, V2_2, V2_3, V2_4, V2_5, V2_6, V2_7,
        V3_0, V3_1, V3_2, V3_3, V3_4, V3_5, V3_6, V3_7, V3_8, V3_9, V3_10, V3_11, V3_12, V3_13, V3_14, V3_15,
        PyPy2_7, PyPy3_2, PyPy3_5, PyPy3_6, PyPy3_7, PyPy3_8, PyPy3_9,
    ];

    /// <summary>Whether ByteFluent supports this version.</summary>
    public bool IsSupported => Supported.Contains(this);

    /// <summary>Whether this is a PyPy version.</summary>
    public bool IsPyPy => Implementation == PythonImplementation.PyPy;

    /// <summary>The CPython version of the same language (itself for CPython): what era rules are keyed on.</summary>
    public PythonVersion Language => this with { Implementation = PythonImplementation.CPython };

    /// <summary>Parses "X.Y" or "pypyX.Y" (a third component such as "3.12.1" is ignored).</summary>
    /// <exception cref="FormatException">The text is not a version.</exception>
    public static PythonVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.Trim();
        var implementation = PythonImplementation.CPython;
        if (body.StartsWith("pypy", StringComparison.OrdinalIgnoreCase))
        {
            implementation = PythonImplementation.PyPy;
            body = body[4..].TrimStart('-', ' ');
        }

        var parts = body.Split('.');
        if (parts.Length is < 2 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            throw new FormatException($"'{text}' is not a Python version of the form X.Y.");
        }

        return new PythonVersion(major, minor, implementation);
    }

    /// <summary>Orders by language version, then CPython before PyPy.</summary>
    public int CompareTo(PythonVersion other)
    {
        var language = CompareLanguage(this, other);
        return language != 0 ? language : Implementation.CompareTo(other.Implementation);
    }

    /// <summary>Compares language versions (the implementation is ignored).</summary>
    public static bool operator <(PythonVersion left, PythonVersion right) => CompareLanguage(left, right) < 0;

    /// <summary>Compares language versions (the implementation is ignored).</summary>
    public static bool operator >(PythonVersion left, PythonVersion right) => CompareLanguage(left, right) > 0;

    /// <summary>Compares language versions (the implementation is ignored).</summary>
    public static bool operator <=(PythonVersion left, PythonVersion right) => CompareLanguage(left, right) <= 0;

    /// <summary>Compares language versions (the implementation is ignored).</summary>
    public static bool operator >=(PythonVersion left, PythonVersion right) => CompareLanguage(left, right) >= 0;

    /// <summary>"X.Y" for CPython, "pypyX.Y" for PyPy.</summary>
    public override string ToString() => IsPyPy
        ? string.Create(CultureInfo.InvariantCulture, $"pypy{Major}.{Minor}")
        : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => IsPyPy
            ? destination.TryWrite(CultureInfo.InvariantCulture, $"pypy{Major}.{Minor}", out charsWritten)
            : destination.TryWrite(CultureInfo.InvariantCulture, $"{Major}.{Minor}", out charsWritten);

    private static int CompareLanguage(PythonVersion a, PythonVersion b) =>
        a.Major != b.Major ? a.Major.CompareTo(b.Major) : a.Minor.CompareTo(b.Minor);
}
