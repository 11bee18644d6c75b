using ByteFluent.Pyc;
using ByteFluent.TestSupport;
using ByteFluent.Text;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Text;

public sealed class DevQuick(ITestOutputHelper output)
{
    [Fact]
    public void Sample()
    {
        var n = int.Parse(Environment.GetEnvironmentVariable("DEVN") ?? "40", System.Globalization.CultureInfo.InvariantCulture);
        var fails = 0;
        foreach (var v in (Environment.GetEnvironmentVariable("DEVV") ?? "3.12").Split(','))
        {
            var files = Corpora.PycFiles(v);
            var step = Math.Max(1, files.Count / n);
            var ok = 0;
            for (var i = 0; i < files.Count; i += step)
            {
                var original = File.ReadAllBytes(files[i]);
                string text = "";
                try
                {
                    text = AsmWriter.Write(PycFile.Read(original));
                    var written = AsmReader.Parse(text, files[i]).ToBytes();
                    var same = original.AsSpan().CommonPrefixLength(written);
                    if (same == original.Length && written.Length == original.Length) { ok++; continue; }
                    output.WriteLine($"{v} {files[i]}: differ at {same} ({original.Length} vs {written.Length})");
                }
                catch (Exception e)
                {
                    output.WriteLine($"{v} {files[i]}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    var m = System.Text.RegularExpressions.Regex.Match(e.Message, @":(\d+):\d+:");
                    if (m.Success) { var ln = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture); output.WriteLine("   > " + text.Split('\n')[ln - 1]); }
                    if (e is not AsmSyntaxException) output.WriteLine(e.StackTrace);
                }

                if (++fails > 8) { break; }
                File.WriteAllText("/tmp/asmfail.pyasm", text);
            }

            output.WriteLine($"{v}: {ok} ok");
        }

        Assert.Equal(0, fails);
    }
}
