using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Properties;

/// <summary>
/// Property: for every supported version, a random value the version's marshal can carry is written, read back
/// equal (strictly: string forms included), and written again to the same bytes.
/// </summary>
public sealed class MarshalRoundTripProperties
{
    public static TheoryData<string> Versions()
    {
        var data = new TheoryData<string>();
        foreach (var v in PythonVersion.Supported)
        {
            data.Add(v.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_random_value_round_trips_through_marshal(string name)
    {
        var version = PythonVersion.Supported.Single(v => v.ToString() == name);
        var gen = new MarshalValueGen(version).Value(3);
        SeededSample.Check(gen, value =>
        {
            var bytes = MarshalWriter.Dumps(value, version);
            var back = MarshalReader.Loads(bytes, version);
            Assert.True(PyEquality.Strict(value, back), $"read back as {back}");
            Assert.Equal(value, back);
            Assert.Equal(value.GetHashCode(), back.GetHashCode());
            Assert.Equal(bytes, MarshalWriter.Dumps(back, version));
        }, SeededSample.Runs(60), seed: 20261202, print: v => v.ToString());
    }
}
