namespace ByteFluent.Benchmarks.Corpus;

/// <summary>
/// The timings of one stage: every timed run in seconds (after the warm-up), what one run allocated, the peak
/// working set while it ran, and a check value (for example how many files came back byte-identical).
/// A stage that could not run has only <see cref="Missing"/>.
/// </summary>
internal sealed record Measurement
{
    public required string Stage { get; init; }

    public required string What { get; init; }

    public IReadOnlyList<double> Seconds { get; init; } = [];

    /// <summary>CPU seconds (user + system, every thread) of each run: on a shared machine, less disturbed by other load than wall time.</summary>
    public IReadOnlyList<double> CpuSeconds { get; init; } = [];

    public long? AllocatedBytes { get; init; }

    public long? PeakWorkingSetBytes { get; init; }

    public long? Check { get; init; }

    public string? Missing { get; init; }

    public bool Ran => Missing is null && Seconds.Count > 0;

    public double Best => Seconds.Min();

    public double? BestCpu => CpuSeconds.Count > 0 ? CpuSeconds.Min() : null;

    public double Median
    {
        get
        {
            var s = Seconds.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
        }
    }
}
