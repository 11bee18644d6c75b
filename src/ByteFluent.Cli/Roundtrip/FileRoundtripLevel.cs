using ByteFluent.Marshal;
using ByteFluent.Pyc;

namespace ByteFluent.Cli.Roundtrip;

/// <summary><c>--level file</c>: read each .pyc and write it back; identical when every byte matches.</summary>
internal sealed class FileRoundtripLevel : TallyRoundtripLevel
{
    public override string Name => "file";

    public override string Description => "read each .pyc and write it back; compare the bytes";

    public override RoundtripTally Start() => new Tally();

    private sealed class Tally : RoundtripTally
    {
        public override string Level => "file";

        protected override void CheckFile(string path, byte[] data)
        {
            byte[] written;
            try
            {
                written = PycFile.Read(data).ToBytes();
            }
            catch (Exception e) when (e is PycFormatException or MarshalWriteException)
            {
                AddError(path, e.Message);
                return;
            }

            var common = data.AsSpan().CommonPrefixLength(written);
            if (common == data.Length && written.Length == data.Length)
            {
                AddIdentical();
            }
            else
            {
                AddDifferent(path, $"first difference at offset {common} (original {data.Length} bytes, written {written.Length})", common);
            }
        }
    }
}
