using ByteFluent.TestSupport;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Versions;

public sealed class PythonVersionTests
{
    [Theory]
    [InlineData("2.7", 2, 7)]
    [InlineData("3.12.1", 3, 12)]
    [InlineData(" 3.15 ", 3, 15)]
    public void Parse_reads_major_and_minor(string text, int major, int minor)
    {
        Assert.Equal(new PythonVersion(major, minor), PythonVersion.Parse(text));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("three.one")]
    [InlineData("3.-1")]
    [InlineData("1.2.3.4")]
    public void Parse_rejects_non_versions(string text)
    {
        Assert.Throws<FormatException>(() => PythonVersion.Parse(text));
    }

    [Fact]
    public void Versions_order_numerically_not_textually()
    {
        Assert.True(PythonVersion.V3_9 < PythonVersion.V3_10);
        Assert.True(PythonVersion.V2_7 < PythonVersion.V3_6);
        Assert.Equal("3.10", PythonVersion.V3_10.ToString());
    }

    [Fact]
    public void Versions_with_an_interpreter_are_the_interpreters_the_tests_use()
    {
        Assert.Equal(Interpreters.SupportedVersions, PythonVersion.WithInterpreter.Select(v => v.ToString()));
        Assert.All(PythonVersion.WithInterpreter, v => Assert.Contains(v, PythonVersion.Supported));
    }

    [Fact]
    public void PyPy_versions_are_their_own_versions_of_the_same_language()
    {
        var pypy = PythonVersion.Parse("pypy3.9");
        Assert.Equal(PythonVersion.PyPy3_9, pypy);
        Assert.Equal("pypy3.9", pypy.ToString());
        Assert.NotEqual(PythonVersion.V3_9, pypy);
        Assert.Equal(PythonVersion.V3_9, pypy.Language);
        Assert.True(pypy >= PythonVersion.V3_9 && pypy <= PythonVersion.V3_9 && pypy > PythonVersion.V3_8 && pypy < PythonVersion.V3_10);
        Assert.True(PythonVersion.V3_9.CompareTo(pypy) < 0);
        Assert.Equal(PythonVersion.V1_5, PythonVersion.Parse("1.5.2"));
        Assert.Equal(PythonVersion.Supported.Count, PythonVersion.Supported.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void Every_supported_interpreter_is_present_and_reports_its_version(string version)
    {
        var output = Interpreters.Get(version).Run("import sys\nprint('%d.%d' % sys.version_info[:2])").EnsureSuccess("version probe");
        Assert.Equal(version, output.Trim());
    }

    public static TheoryRows AllVersions => Interpreters.Versions;
}
