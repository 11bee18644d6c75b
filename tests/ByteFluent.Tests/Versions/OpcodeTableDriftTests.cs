using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Versions;

/// <summary>
/// The checked-in opcode tables are exactly what tools/extract-opcode-tables writes when run under each real
/// interpreter, so they can neither drift from CPython nor be edited by hand.
/// </summary>
public sealed class OpcodeTableDriftTests
{
    /// <summary>Every supported version, as theory rows.</summary>
    public static TheoryRows Versions => Interpreters.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public void Checked_in_table_equals_a_fresh_extraction(string version) =>
        AssertSameAsExtraction($"cpython-{version}.json", Interpreters.Get(version), version);

    /// <summary>PyPy 3.9's table, extracted from Debian's pypy3 (the other PyPy tables come from sources).</summary>
    [Fact]
    public void Checked_in_PyPy39_table_equals_a_fresh_extraction() =>
        AssertSameAsExtraction("pypy-3.9.json", Interpreters.PyPy, "pypy3.9");

    private static void AssertSameAsExtraction(string tableName, PythonInterpreter interpreter, string version)
    {
        var checkedIn = Path.Combine(RepositoryPaths.OpcodeTables, tableName);
        var outputDir = Path.Combine(RepositoryPaths.BuildCache("opcode-table-drift"), version);
        if (Directory.Exists(outputDir))
        {
            Directory.Delete(outputDir, recursive: true);
        }

        Directory.CreateDirectory(outputDir);
        var output = Path.Combine(outputDir, tableName);
        var facts = Path.Combine(RepositoryPaths.Tools, "opcode-facts");
        var script = Path.Combine(RepositoryPaths.Tools, "extract-opcode-tables", "extract.py");

        interpreter
            .RunScript(script, [output, "--facts", facts], mounts: [outputDir, facts])
            .EnsureSuccess($"Opcode table extraction under Python {version}");

        var expected = File.ReadAllBytes(checkedIn);
        var actual = File.ReadAllBytes(output);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail(
                $"{tableName} differs from a fresh extraction under Python {version} "
                + $"(regenerate with tools/extract-opcode-tables/extract-all.sh {version}):\n"
                + TextDiff.FirstDifferences(File.ReadAllText(checkedIn), File.ReadAllText(output), "checked in", "extracted"));
        }
    }
}
