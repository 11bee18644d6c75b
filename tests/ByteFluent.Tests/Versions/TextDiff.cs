using System.Globalization;
using System.Text;

namespace ByteFluent.Tests.Versions;

/// <summary>A short, readable report of where two texts first differ, line by line.</summary>
internal static class TextDiff
{
    /// <summary>The first <paramref name="maxLines"/> differing lines, with their numbers and both versions.</summary>
    public static string FirstDifferences(string expected, string actual, string expectedLabel, string actualLabel, int maxLines = 8)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        var report = new StringBuilder();
        var shown = 0;
        var count = Math.Max(left.Length, right.Length);
        for (var i = 0; i < count && shown < maxLines; i++)
        {
            var a = i < left.Length ? left[i] : null;
            var b = i < right.Length ? right[i] : null;
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                continue;
            }

            shown++;
            var line = (i + 1).ToString(CultureInfo.InvariantCulture);
            report.Append("line ").Append(line).Append('\n');
            report.Append("  ").Append(expectedLabel).Append(": ").Append(a ?? "<end of text>").Append('\n');
            report.Append("  ").Append(actualLabel).Append(": ").Append(b ?? "<end of text>").Append('\n');
        }

        if (shown == 0)
        {
            report.Append("the texts differ only in line endings or encoding");
        }
        else if (left.Length != right.Length)
        {
            report.Append(CultureInfo.InvariantCulture, $"({left.Length} lines checked in, {right.Length} extracted)");
        }

        return report.ToString();
    }
}
