using System.Diagnostics;
using System.Globalization;

namespace ByteFluent.Cli.Console;

/// <summary>
/// A one-line "done/total" counter on standard error, shown only when both output streams are a terminal
/// (never in pipes, files or tests) and redrawn at most every 200 ms. Thread-safe.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private readonly string label;
    private readonly int total;
    private readonly bool enabled;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private int done;
    private long lastDraw = -1000;

    public ProgressReporter(string label, int total)
    {
        this.label = label;
        this.total = total;
        enabled = !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected;
    }

    /// <summary>Counts one finished item.</summary>
    public void Advance()
    {
        var n = Interlocked.Increment(ref done);
        if (!enabled)
        {
            return;
        }

        var now = clock.ElapsedMilliseconds;
        if (now - Interlocked.Read(ref lastDraw) < 200 && n != total)
        {
            return;
        }

        lock (gate)
        {
            lastDraw = now;
            System.Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label}: {n}/{total} ({100.0 * n / Math.Max(1, total):F0}%)   "));
        }
    }

    /// <summary>Clears the line.</summary>
    public void Dispose()
    {
        if (enabled)
        {
            lock (gate)
            {
                System.Console.Error.Write("\r" + new string(' ', label.Length + 30) + "\r");
            }
        }
    }
}
