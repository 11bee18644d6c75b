namespace ByteFluent.Benchmarks.Corpus;

/// <summary>One same-run ratio with the issue-14 target it is held to (null when it has none).</summary>
/// <param name="Name">What is divided by what.</param>
/// <param name="Value">The ratio of best wall times, or null when a side did not run.</param>
/// <param name="CpuValue">The same ratio of best CPU seconds (user + system), where both sides have them.</param>
/// <param name="Target">"≤ 1.0", "≥ 100", or "–".</param>
/// <param name="Met">Whether the target is met (null without a target or a value).</param>
/// <param name="Note">Why there is no value, or what the value means.</param>
internal sealed record Ratio(string Name, double? Value, double? CpuValue, string Target, bool? Met, string? Note = null);

/// <summary>Everything one <c>corpus</c> run measured for one version.</summary>
internal sealed record CorpusResult
{
    public required string Version { get; init; }

    public required string Corpus { get; init; }

    public required int Files { get; init; }

    public required long Bytes { get; init; }

    public required long CodeObjects { get; init; }

    public long? PythonCodeObjects { get; init; }

    public long? PythonMaxRssBytes { get; init; }

    public required string Machine { get; init; }

    public required IReadOnlyList<Measurement> Stages { get; init; }

    public required IReadOnlyList<Ratio> Ratios { get; init; }

    public Measurement? Find(string stage) => Stages.FirstOrDefault(s => s.Stage == stage);
}
