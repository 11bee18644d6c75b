using System.Diagnostics.Tracing;

namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// With <c>--alloc-types</c>: listens to the runtime's allocation ticks (one event per ~100 KB allocated, naming the type
/// that crossed it) and prints the types that allocate most, for finding what a stage allocates.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> bytes = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public void Print(TextWriter w, int top = 30)
    {
        lock (gate)
        {
            var total = bytes.Values.Sum();
            w.WriteLine($"allocation ticks: {total / 1e6:F0} MB sampled");
            foreach (var (type, n) in bytes.OrderByDescending(p => p.Value).Take(top))
            {
                w.WriteLine($"  {100.0 * n / total,5:F1}%  {type}");
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }

        var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var k and >= 0 ? Convert.ToInt64(e.Payload[k], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (gate)
        {
            bytes[type] = bytes.GetValueOrDefault(type) + amount;
        }
    }
}
