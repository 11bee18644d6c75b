using System.Buffers.Binary;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Roundtrip;

/// <summary>The version a .pyc belongs to, from its magic number, for the per-version rows of summary tables.</summary>
internal static class VersionGroups
{
    /// <summary>The name of the group of files whose magic number is unknown or that cannot be read.</summary>
    public const string Unknown = "?";

    /// <summary>"3.12" and so on, or <see cref="Unknown"/>.</summary>
    public static string Of(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[2] == '\r' && data[3] == '\n'
            && MagicNumbers.TryGetVersion(BinaryPrimitives.ReadUInt16LittleEndian(data), out var v)
            ? v.ToString()
            : Unknown;

    /// <summary>The group of the file at <paramref name="path"/> (reads its first four bytes).</summary>
    public static string OfFile(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            Span<byte> head = stackalloc byte[4];
            return f.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 ? Of(head) : Unknown;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unknown;
        }
    }

    /// <summary>Orders group names by version (2.7 before 3.6 before 3.10, CPython before PyPy of the same language), the
    /// unknown group last.</summary>
    public static IEnumerable<string> Ordered(IEnumerable<string> groups) => groups
        .OrderBy(g => g == Unknown ? 1 : 0)
        .ThenBy(g => g == Unknown ? default : PythonVersion.Parse(g));
}
