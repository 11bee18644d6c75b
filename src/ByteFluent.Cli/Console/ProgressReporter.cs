using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ByteFluent.Cli.Console;

/// <summary>
/// Progress of a long command on standard error. On a terminal: a bar redrawn in place (at most every 100 ms) and
/// cleared at the end. Otherwise (pipes, files, tests): a plain line each time another tenth of the work is done,
/// <c>LABEL: DONE/TOTAL files (P%), S s</c>, so logs show progress without control characters. Thread-safe.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private const int BarWidth = 30;

    private readonly string label;
    private readonly int total;
    private readonly TextWriter output;
    private readonly bool terminal;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private int done;
    private int lastTenth;
    private long lastDraw = -1000;
    private int drawnWidth;

    /// <summary>Creates a reporter writing to <paramref name="output"/>, as a terminal bar or as plain lines.</summary>
    public ProgressReporter(string label, int total, TextWriter output, bool terminal)
    {
        this.label = label;
        this.total = total;
        this.output = output;
        this.terminal = terminal;
    }

    /// <summary>A reporter on <paramref name="stderr"/>: a bar when it is the console's standard error and that is a terminal.</summary>
    public static ProgressReporter For(string label, int total, TextWriter stderr) =>
        new(label, total, stderr, ReferenceEquals(stderr, System.Console.Error) && !System.Console.IsErrorRedirected);

    /// <summary>Counts one finished item.</summary>
    public void Advance()
    {
        var n = Interlocked.Increment(ref done);
        if (terminal)
        {
            var now = clock.ElapsedMilliseconds;
            if (now - Interlocked.Read(ref lastDraw) < 100 && n != total)
            {
                return;
            }

            lock (gate)
            {
                Interlocked.Exchange(ref lastDraw, now);
                var line = Bar(Volatile.Read(ref done));
                output.Write("\r" + line.PadRight(drawnWidth));
                drawnWidth = line.Length;
                output.Flush();
            }

            return;
        }

        var tenth = total == 0 ? 10 : (int)(10L * n / total);
        lock (gate)
        {
            // One line per tenth reached (the items finish out of order, so print the highest count seen).
            if (tenth > lastTenth)
            {
                lastTenth = tenth;
                output.WriteLine(Line(Math.Max(n, Volatile.Read(ref done))));
            }
        }
    }

    /// <summary>The plain line for <paramref name="n"/> items done.</summary>
    public string Line(int n) => string.Create(
        CultureInfo.InvariantCulture,
        $"{label}: {n}/{total} files ({Percent(n)}%), {clock.Elapsed.TotalSeconds:0.0} s");

    /// <summary>Clears the bar from the terminal.</summary>
    public void Dispose()
    {
        if (terminal && drawnWidth > 0)
        {
            lock (gate)
            {
                output.Write("\r" + new string(' ', drawnWidth) + "\r");
                output.Flush();
            }
        }
    }

    private int Percent(int n) => total == 0 ? 100 : (int)(100L * n / total);

    private string Bar(int n)
    {
        var filled = total == 0 ? BarWidth : (int)((long)BarWidth * n / total);
        var sb = new StringBuilder();
        sb.Append(label).Append(" [").Append('#', filled).Append('.', BarWidth - filled).Append("] ");
        sb.Append(CultureInfo.InvariantCulture, $"{n}/{total} {Percent(n),3}% {clock.Elapsed.TotalSeconds:0.0} s");
        if (n > 0 && n < total)
        {
            var remaining = clock.Elapsed.TotalSeconds * (total - n) / n;
            sb.Append(CultureInfo.InvariantCulture, $", about {remaining:0} s left");
        }

        return sb.ToString();
    }
}
