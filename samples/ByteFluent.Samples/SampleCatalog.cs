using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>One sample: a module code object that prints something when run.</summary>
/// <param name="Name">The file name (without <c>.pyc</c>).</param>
/// <param name="Versions">The versions it targets.</param>
/// <param name="Build">Builds the module for one version.</param>
/// <param name="Oracle">The same program as Python source (valid in 2.7 and 3.x): run by the real interpreter, its
/// output is what the built module must print.</param>
public sealed record Sample(string Name, IReadOnlyList<PythonVersion> Versions, Func<PythonVersion, PyCode> Build, string Oracle);

/// <summary>Every sample and the versions it targets.</summary>
public static class SampleCatalog
{
    /// <summary>All samples.</summary>
    public static IReadOnlyList<Sample> All { get; } =
    [
        new("hello_world", AllVersions(), HelloWorld.Build, "print(\"Hello, world!\")\n"),
        new("loop_branch_try", LoopBranchTry.Versions, LoopBranchTry.Build, LoopBranchTry.Oracle),
    ];

    /// <summary>The samples that target <paramref name="version"/>.</summary>
    public static IEnumerable<Sample> For(PythonVersion version) => All.Where(s => s.Versions.Contains(version));

    private static List<PythonVersion> AllVersions() => [.. OpcodeTables.All.Select(t => t.Version)];
}
