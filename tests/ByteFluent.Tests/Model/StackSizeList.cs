using System.Globalization;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Model;

/// <summary>
/// The checked-in list of the code objects of a version's corpus whose rebuilt stack size differs from CPython's
/// (docs/fidelity/stacksize-X.Y.txt): one tab-separated line per code object — corpus-relative file, qualified name,
/// first line, our size, CPython's size, reason — sorted; lines starting with '#' are comments.
/// </summary>
internal static class StackSizeList
{
    /// <summary>Set to 1 to rewrite the lists from the measurement instead of checking them.</summary>
    public const string UpdateVariable = "BYTEFLUENT_UPDATE_FIDELITY";

    public const string RegenerateCommand =
        UpdateVariable + "=1 dotnet test tests/ByteFluent.Tests --filter \"FullyQualifiedName~CodeFidelityTests\"";

    public static string PathFor(string version) => System.IO.Path.Combine(RepositoryPaths.Root, "docs", "fidelity", $"stacksize-{version}.txt");

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string Line(string file, string qualname, int firstLine, int ours, int cpython, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"{file}\t{qualname}\t{firstLine}\t{ours}\t{cpython}\t{reason}");

    public static IReadOnlyList<string> Read(string version)
    {
        var path = PathFor(version);
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#'))]
            : [];
    }

    public static void Write(string version, IEnumerable<string> lines, string summary)
    {
        var path = PathFor(version);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var header = new[]
        {
            $"# CPython {version}: code objects whose rebuilt co_stacksize differs from CPython's (every other field is identical).",
            $"# {summary}",
            "# Columns (tab-separated): corpus-relative file, qualified name, first line, ours, CPython's, reason (docs/fidelity/README.md).",
            "# Checked by CodeFidelityTests; regenerate with: " + RegenerateCommand,
        };
        File.WriteAllLines(path, header.Concat(lines.Order(StringComparer.Ordinal)));
    }
}
