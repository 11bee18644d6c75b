using System.Collections.Concurrent;
using System.Text.Json;

namespace ByteFluent.Cli.Roundtrip;

/// <summary>What was found about one file or object that did not round-trip.</summary>
/// <param name="File">The file.</param>
/// <param name="Kind">"different" or "error".</param>
/// <param name="Message">What differed, or the error message.</param>
/// <param name="Offset">The first differing byte offset, when known.</param>
internal sealed record RoundtripSample(string File, string Kind, string Message, long? Offset = null);

/// <summary>
/// The thread-safe results of one <c>roundtrip</c> run: files, identical, different, errors and up to
/// <see cref="MaxSamples"/> samples. A level checks each file in <see cref="Check"/> and records outcomes
/// with <see cref="AddIdentical"/>, <see cref="AddDifferent"/> and <see cref="AddError"/>; levels that count
/// something other than files (code objects) add their own JSON fields and summary rows.
/// </summary>
internal abstract class RoundtripTally
{
    /// <summary>The most samples kept.</summary>
    public const int MaxSamples = 20;

    // The counts of the file being checked on this thread go to its version's row as well.
    [ThreadStatic]
    private static VersionCounts? current;

    private readonly ConcurrentDictionary<string, VersionCounts> byVersion = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RoundtripSample> samples = new();
    private int files;
    private int identical;
    private int different;
    private int errors;

    /// <summary>The level's name.</summary>
    public abstract string Level { get; }

    /// <summary>Files checked.</summary>
    public int Files => files;

    /// <summary>Identical units (files for the file level).</summary>
    public int Identical => identical;

    /// <summary>Different units.</summary>
    public int Different => different;

    /// <summary>Units that could not be processed.</summary>
    public int Errors => errors;

    /// <summary>Whether everything was identical (the exit code is 0 only then).</summary>
    public bool AllIdentical => different == 0 && errors == 0 && identical > 0;

    /// <summary>The samples, in the order they were found.</summary>
    public IReadOnlyList<RoundtripSample> Samples => [.. samples];

    /// <summary>Reads and rewrites one file in memory and records the outcome. Called concurrently.</summary>
    public void Check(string path, byte[] data)
    {
        Interlocked.Increment(ref files);
        current = Counts(VersionGroups.Of(data));
        Interlocked.Increment(ref current.Files);
        try
        {
            CheckFile(path, data);
        }
        finally
        {
            current = null;
        }
    }

    /// <summary>Records a file that could not even be read from disk.</summary>
    public void Unreadable(string path, string message)
    {
        Interlocked.Increment(ref files);
        current = Counts(VersionGroups.Unknown);
        Interlocked.Increment(ref current.Files);
        try
        {
            AddError(path, message);
        }
        finally
        {
            current = null;
        }
    }

    /// <summary>The counts per version ("2.7", "3.12", ...; "?" for files of no known version), in version order.</summary>
    public IReadOnlyList<(string Version, VersionCounts Counts)> ByVersion =>
        [.. VersionGroups.Ordered(byVersion.Keys).Select(v => (v, byVersion[v]))];

    /// <summary>Writes the whole JSON object.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("level", Level);
        json.WriteNumber("files", Files);
        WriteJsonCounts(json);
        json.WriteNumber("identical", Identical);
        json.WriteNumber("different", Different);
        json.WriteNumber("errors", Errors);
        WriteJsonDetails(json);
        json.WriteStartArray("samples");
        foreach (var s in Samples)
        {
            json.WriteStartObject();
            json.WriteString("file", s.File);
            json.WriteString("kind", s.Kind);
            if (s.Offset is { } offset)
            {
                json.WriteNumber("offset", offset);
            }

            json.WriteString("message", s.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The rows of the summary table (name, value).</summary>
    public virtual IEnumerable<(string Name, string Value)> SummaryRows()
    {
        yield return ("level", Level);
        yield return ("files", Files.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("identical", Identical.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("different", Different.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("errors", Errors.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Checks one file (see <see cref="Check"/>).</summary>
    protected abstract void CheckFile(string path, byte[] data);

    /// <summary>Level-specific counts written after "files" (e.g. "codeObjects").</summary>
    protected virtual void WriteJsonCounts(Utf8JsonWriter json)
    {
    }

    /// <summary>Level-specific details written before "samples" (e.g. "byField").</summary>
    protected virtual void WriteJsonDetails(Utf8JsonWriter json)
    {
    }

    /// <summary>Counts an identical unit.</summary>
    protected void AddIdentical()
    {
        Interlocked.Increment(ref identical);
        if (current is { } c)
        {
            Interlocked.Increment(ref c.Identical);
        }
    }

    /// <summary>Counts a different unit and keeps a sample.</summary>
    protected void AddDifferent(string path, string message, long? offset = null)
    {
        Interlocked.Increment(ref different);
        if (current is { } c)
        {
            Interlocked.Increment(ref c.Different);
        }

        AddSample(new RoundtripSample(path, "different", message, offset));
    }

    /// <summary>Counts an error and keeps a sample.</summary>
    protected void AddError(string path, string message)
    {
        Interlocked.Increment(ref errors);
        if (current is { } c)
        {
            Interlocked.Increment(ref c.Errors);
        }

        AddSample(new RoundtripSample(path, "error", message));
    }

    private VersionCounts Counts(string version) => byVersion.GetOrAdd(version, _ => new VersionCounts());

    private void AddSample(RoundtripSample sample)
    {
        if (samples.Count < MaxSamples)
        {
            samples.Enqueue(sample);
        }
    }
}

/// <summary>The counts of one version's files (fields, so that they can be incremented atomically).</summary>
internal sealed class VersionCounts
{
    /// <summary>Files.</summary>
    public int Files;

    /// <summary>Identical units.</summary>
    public int Identical;

    /// <summary>Different units.</summary>
    public int Different;

    /// <summary>Errors.</summary>
    public int Errors;
}
