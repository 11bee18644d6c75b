using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ByteFluent.Marshal;
using ByteFluent.Pyc;

namespace ByteFluent.Model;

/// <summary>
/// The code level of <c>bytefluent roundtrip</c>: every code object of every .pyc goes through the model
/// (<see cref="Code.FromCode(PyCode, Versions.PythonVersion)"/> then <see cref="Code.ToCode(Versions.PythonVersion?)"/>, no edits) and is compared field by field
/// with the original (see <see cref="CodeFidelity"/>).
/// </summary>
public sealed class CodeRoundtrip
{
    private readonly ConcurrentDictionary<string, int> byField = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> samples = new();
    private int files;
    private int codeObjects;
    private int identical;
    private int different;
    private int errors;

    /// <summary>.pyc files read.</summary>
    public int Files => files;

    /// <summary>Code objects compared (nested ones included).</summary>
    public int CodeObjects => codeObjects;

    /// <summary>Code objects equal in every field after the round trip.</summary>
    public int Identical => identical;

    /// <summary>Code objects that differ in at least one field.</summary>
    public int Different => different;

    /// <summary>Files or code objects that could not be read or rebuilt.</summary>
    public int Errors => errors;

    /// <summary>Per field, how many code objects differ in it.</summary>
    public IReadOnlyDictionary<string, int> ByField => byField;

    /// <summary>Up to <see cref="MaxSamples"/> examples: file, code object, differing fields or error.</summary>
    public IReadOnlyCollection<string> Samples => samples;

    /// <summary>How many samples are kept.</summary>
    public int MaxSamples { get; init; } = 50;

    /// <summary>Round-trips every code object of the files (in parallel) and accumulates the counts.</summary>
    public void Run(IEnumerable<string> pycFiles, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(pycFiles);
        Parallel.ForEach(pycFiles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            Interlocked.Increment(ref files);
            progress?.Invoke(files);
            PycFile pyc;
            try
            {
                pyc = PycFile.Load(file);
            }
            catch (Exception e) when (e is PycFormatException or IOException or InvalidOperationException)
            {
                Interlocked.Increment(ref errors);
                Sample($"{file}: {e.Message}");
                return;
            }

            if (pyc.Value is not PyCode top)
            {
                Interlocked.Increment(ref errors);
                Sample($"{file}: holds a {pyc.Value.TypeName}, not a code object");
                return;
            }

            foreach (var co in top.SelfAndDescendants())
            {
                Interlocked.Increment(ref codeObjects);
                try
                {
                    var diffs = CodeFidelity.Compare(co, CodeFidelity.RoundTrip(co, pyc.Header.Version));
                    if (diffs.Count == 0)
                    {
                        Interlocked.Increment(ref identical);
                        continue;
                    }

                    Interlocked.Increment(ref different);
                    foreach (var d in diffs)
                    {
                        byField.AddOrUpdate(d, 1, (_, n) => n + 1);
                    }

                    Sample(string.Create(CultureInfo.InvariantCulture, $"{file}: {co.Name.Value} (line {co.FirstLineNo}) differs in {string.Join(", ", diffs)}"));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref errors);
                    Sample(string.Create(CultureInfo.InvariantCulture, $"{file}: {co.Name.Value} (line {co.FirstLineNo}): {e.GetType().Name}: {e.Message.Split('\n')[0]}"));
                }
            }
        });
    }

    /// <summary>Whether every code object came back identical and nothing failed.</summary>
    public bool AllIdentical => errors == 0 && different == 0 && identical == codeObjects;

    /// <summary>The JSON report: <c>{"level":"code","files":N,"codeObjects":N,"identical":N,"different":N,"errors":N,"byField":{…},"samples":[…]}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("level", "code");
            w.WriteNumber("files", files);
            w.WriteNumber("codeObjects", codeObjects);
            w.WriteNumber("identical", identical);
            w.WriteNumber("different", different);
            w.WriteNumber("errors", errors);
            w.WriteStartObject("byField");
            foreach (var f in CodeFidelity.FieldNames)
            {
                if (byField.TryGetValue(f, out var n))
                {
                    w.WriteNumber(f, n);
                }
            }

            w.WriteEndObject();
            w.WriteStartArray("samples");
            foreach (var s in samples)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A plain-text summary.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"files {files}, code objects {codeObjects}, identical {identical}, different {different}, errors {errors}")
        + (byField.IsEmpty ? string.Empty : "; by field: " + string.Join(", ", CodeFidelity.FieldNames.Where(byField.ContainsKey).Select(f => $"{f}={byField[f]}")));

    private void Sample(string text)
    {
        if (samples.Count < MaxSamples)
        {
            samples.Enqueue(text);
        }
    }
}
