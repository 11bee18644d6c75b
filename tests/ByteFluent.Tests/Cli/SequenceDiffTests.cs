using ByteFluent.Diff;

namespace ByteFluent.Tests.Cli;

/// <summary>The Myers diff behind <c>bytefluent diff</c>: minimal, and both sides can be rebuilt from it.</summary>
public sealed class SequenceDiffTests
{
    [Fact]
    public void Random_sequences_give_a_shortest_edit_script_that_rebuilds_both_sides()
    {
        var random = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => "x" + random.Next(4)).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 30)).Select(_ => "x" + random.Next(4)).ToArray();
            var script = SequenceDiff.Compute(a, b);
            Assert.Equal(a, script.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text));
            Assert.Equal(b, script.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text));
            Assert.Equal(a.Length + b.Length - (2 * Lcs(a, b)), script.Count(l => l.Kind != DiffLineKind.Same));
        }
    }

    [Fact]
    public void Hunks_keep_context_and_merge_close_changes()
    {
        var a = Enumerable.Range(0, 30).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var b = a.ToArray();
        b[5] = "five";
        b[9] = "nine";
        b[25] = "twenty-five";
        var hunks = SequenceDiff.Hunks(SequenceDiff.Compute(a, b), context: 3);
        Assert.Equal(2, hunks.Count);
        Assert.Equal("@@ -3,11 +3,11 @@", hunks[0].Header);
        Assert.Equal("@@ -23,7 +23,7 @@", hunks[1].Header);
        Assert.Equal(["-25", "+twenty-five"], hunks[1].Lines.Where(l => l.Kind != DiffLineKind.Same).Select(l => l.ToString()));
    }

    private static int Lcs(string[] a, string[] b)
    {
        var t = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                t[i, j] = a[i - 1] == b[j - 1] ? t[i - 1, j - 1] + 1 : Math.Max(t[i - 1, j], t[i, j - 1]);
            }
        }

        return t[a.Length, b.Length];
    }
}
