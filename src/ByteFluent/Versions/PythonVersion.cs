using System.Globalization;

namespace ByteFluent.Versions;

/// <summary>A CPython language version (major.minor) whose bytecode ByteFluent reads and writes.</summary>
/// <param name="Major">2 or 3.</param>
/// <param name="Minor">The minor version.</param>
public readonly record struct PythonVersion(int Major, int Minor) : IComparable<PythonVersion>, ISpanFormattable
{
    /// <summary>CPython 2.7.</summary>
    public static readonly PythonVersion V2_7 = new(2, 7);

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

    /// <summary>Every supported version, oldest first.</summary>
    public static IReadOnlyList<PythonVersion> Supported { get; } =
        [V2_7, V3_6, V3_7, V3_8, V3_9, V3_10, V3_11, V3_12, V3_13, V3_14, V3_15];

    /// <summary>Whether ByteFluent supports this version.</summary>
    public bool IsSupported => Supported.Contains(this);

    /// <summary>Parses "X.Y" (a third component such as "3.12.1" is ignored).</summary>
    /// <exception cref="FormatException">The text is not a version.</exception>
    public static PythonVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('.');
        if (parts.Length is < 2 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            throw new FormatException($"'{text}' is not a Python version of the form X.Y.");
        }

        return new PythonVersion(major, minor);
    }

    /// <inheritdoc/>
    public int CompareTo(PythonVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>Compares versions.</summary>
    public static bool operator <(PythonVersion left, PythonVersion right) => left.CompareTo(right) < 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >(PythonVersion left, PythonVersion right) => left.CompareTo(right) > 0;

    /// <summary>Compares versions.</summary>
    public static bool operator <=(PythonVersion left, PythonVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >=(PythonVersion left, PythonVersion right) => left.CompareTo(right) >= 0;

    /// <summary>"X.Y".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => destination.TryWrite(CultureInfo.InvariantCulture, $"{Major}.{Minor}", out charsWritten);
}
