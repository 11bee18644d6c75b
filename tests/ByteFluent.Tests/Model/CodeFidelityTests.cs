using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Model;

/// <summary>
/// THE BAR: every code object of each version's standard library, rebuilt from the model (code bytes, tables,
/// line/location table, exception table and stack size regenerated), equals the original in every field.
/// </summary>
public sealed class CodeFidelityTests(ITestOutputHelper output)
{
    public static TheoryData<string> NativeVersions => [.. Interpreters.NativeVersions];

    [Theory]
    [MemberData(nameof(NativeVersions))]
    public void StdlibCodeObjectsRoundTripThroughTheModel(string version)
    {
        var v = PythonVersion.Parse(version);
        var m = FidelityMeasure.Run(v, FidelityMeasure.NativeCorpus(version));
        output.WriteLine($"{version}: {m}");
        Assert.True(m.CodeObjects > 10000, $"only {m.CodeObjects} code objects");
        Assert.True(m.Identical == m.CodeObjects, $"{version}: {m}");
    }
}
