using System.Collections.Immutable;
using System.Numerics;
using ByteFluent.Marshal;
using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Marshal;

/// <summary>
/// Values built in C# are written by ByteFluent and loaded by each real interpreter with <c>marshal.loads</c>;
/// values marshalled by each interpreter are read by ByteFluent. Both sides are compared through a canonical
/// dump computed inside Python (<c>marshal_oracle.py</c>) and in C# (<see cref="MarshalCanon"/>).
/// </summary>
public sealed class CrossInterpreterTests(ITestOutputHelper output)
{
    /// <summary>The versions, as theory rows.</summary>
    public static TheoryRows Versions => Interpreters.Versions;

    private static string Oracle => Path.Combine(RepositoryPaths.Root, "tests", "ByteFluent.Tests", "Marshal", "marshal_oracle.py");

    [Theory]
    [MemberData(nameof(Versions))]
    public void ValuesWrittenByByteFluentLoadInTheInterpreterAsExactlyTheExpectedValues(string version)
    {
        var v = PythonVersion.Parse(version);
        var values = CSharpValues.For(v);
        var dir = Directory.CreateTempSubdirectory("bytefluent-marshal-");
        try
        {
            for (var i = 0; i < values.Count; i++)
            {
                var bytes = MarshalWriter.Dumps(values[i], v);
                File.WriteAllBytes(Path.Combine(dir.FullName, $"{i:D3}.bin"), bytes);

                // ByteFluent reads its own output back as the same value (in 2.7, bytes come back as byte strings).
                Assert.Equal(MarshalCanon.Of(values[i], v), MarshalCanon.Of(MarshalReader.Loads(bytes, v), v));
            }

            var lines = Interpreters.Get(version).RunScript(Oracle, ["load", dir.FullName], [dir.FullName])
                .EnsureSuccess($"marshal.loads in Python {version}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(values.Count, lines.Length);
            var mismatches = new List<string>();
            for (var i = 0; i < values.Count; i++)
            {
                var (name, loaded) = Split(lines[i]);
                Assert.Equal($"{i:D3}.bin", name);
                var expected = MarshalCanon.Of(values[i], v);
                if (expected != loaded)
                {
                    mismatches.Add($"#{i} {values[i]}:\n  expected {Cut(expected)}\n  Python   {Cut(loaded)}");
                }
            }

            output.WriteLine($"Python {version}: {values.Count} values written by ByteFluent, {values.Count - mismatches.Count} loaded exactly");
            mismatches.ForEach(output.WriteLine);
            Assert.Empty(mismatches);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ValuesMarshalledByTheInterpreterAreReadAsExactlyTheExpectedValues(string version)
    {
        var v = PythonVersion.Parse(version);
        var format = MarshalFormat.For(v);
        var lines = Interpreters.Get(version).RunScript(Oracle, ["dump"])
            .EnsureSuccess($"marshal.dumps in Python {version}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 50);
        var mismatches = new List<string>();
        foreach (var line in lines)
        {
            var (hex, dumped) = Split(line);
            var bytes = Convert.FromHexString(hex);
            var read = MarshalReader.Read(bytes, format);
            Assert.Equal(bytes.Length, read.Length);
            var canon = MarshalCanon.Of(read.Value, v);
            if (canon != dumped)
            {
                mismatches.Add($"expected {Cut(dumped)}\n  read     {Cut(canon)}");
            }

            // Written back with its layout, the value gives the interpreter's exact bytes.
            Assert.Equal(hex, Convert.ToHexStringLower(MarshalWriter.Write(read.Value, format, read.Layout)));
        }

        output.WriteLine($"Python {version}: {lines.Length} values marshalled by the interpreter, {lines.Length - mismatches.Count} read exactly");
        mismatches.ForEach(output.WriteLine);
        Assert.Empty(mismatches);
    }

    private static (string, string) Split(string line)
    {
        var tab = line.IndexOf('\t');
        Assert.True(tab > 0, line);
        return (line[..tab], line[(tab + 1)..].TrimEnd('\r'));
    }

    private static string Cut(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
