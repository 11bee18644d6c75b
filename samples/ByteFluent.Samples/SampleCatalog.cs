using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>One sample: a module code object that prints something when run.</summary>
/// <param name="Name">The file name (without <c>.pyc</c>).</param>
/// <param name="Versions">The versions it targets.</param>
/// <param name="Build">Builds the module for one version, given the compiled <see cref="Input"/> when there is one.</param>
/// <param name="Oracle">The same program as Python source (valid in 2.7 and 3.x): run by the real interpreter, its
/// output is what the built module must print.</param>
/// <param name="Input">Source the real interpreter compiles to a <c>.pyc</c> first, for samples that edit compiled code.</param>
public sealed record Sample(string Name, IReadOnlyList<PythonVersion> Versions, Func<PythonVersion, PycFile?, PyCode> Build, string Oracle, string? Input = null);

/// <summary>Every sample and the versions it targets.</summary>
public static class SampleCatalog
{
    /// <summary>All samples.</summary>
    public static IReadOnlyList<Sample> All { get; } =
    [
        new("hello_world", AllVersions(), (v, _) => HelloWorld.Build(v), "print(\"Hello, world!\")\n"),
        new("loop_branch_try", LoopBranchTry.Versions, (v, _) => LoopBranchTry.Build(v), LoopBranchTry.Oracle),
        new("expression_compiler", AllVersions(), (v, _) => ExpressionCompiler.Build(v), ExpressionCompiler.Oracle()),
        new("tiny_calc", AllVersions(), (v, _) => TinyCalc.Build(v), TinyCalc.Oracle),
        new("shared_opcodes", SharedOpcodes.RotateVersions, (v, _) => SharedOpcodes.BuildRotate(v), SharedOpcodes.RotateOracle),
        new("shared_opcodes_311", SharedOpcodes.SwapVersions, (v, _) => SharedOpcodes.BuildSwap(v), SharedOpcodes.SwapOracle),
        new("rot_two", AllVersions(), (_, input) => RotTwo.Transform(input!), RotTwo.Oracle, RotTwo.Input),
    ];

    /// <summary>The samples that target <paramref name="version"/>.</summary>
    public static IEnumerable<Sample> For(PythonVersion version) => All.Where(s => s.Versions.Contains(version));

    private static List<PythonVersion> AllVersions() => [.. OpcodeTables.All.Select(t => t.Version).Where(PythonVersion.WithInterpreter.Contains)];
}
