using System.Collections.Concurrent;
using System.Globalization;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.TestSupport;

namespace ByteFluent.Tests.Pyc;

/// <summary>
/// Reads every file of the shared corpora and measures, per magic number, the file level (written back
/// byte-identical) and the code level (every code object rebuilt through the model equal in every field); every
/// failure becomes one exception line: file, level, object, what differs.
/// </summary>
internal sealed class SharedCorpusMeasure
{
    private readonly ConcurrentDictionary<string, Row> rows = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> exceptions = [];
    private Func<string, string> relative = SharedCorpora.Relative;

    public IReadOnlyDictionary<string, Row> Rows => rows;

    /// <summary>Tab-separated: relative file, level (read, file, code), object (qualified name and line, or -), detail.</summary>
    public IReadOnlyCollection<string> Exceptions => exceptions;

    /// <summary>Measures <paramref name="files"/>, naming each by <paramref name="relativeTo"/> (default: the shared corpora's relative path).</summary>
    public static SharedCorpusMeasure Run(IEnumerable<string> files, Func<string, string>? relativeTo = null)
    {
        var m = new SharedCorpusMeasure();
        m.relative = relativeTo ?? SharedCorpora.Relative;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, m.Measure);
        return m;
    }

    private void Measure(string path)
    {
        var rel = relative(path);
        var bytes = File.ReadAllBytes(path);
        PycFile pyc;
        try
        {
            pyc = PycFile.Read(bytes);
        }
        catch (PycFormatException e)
        {
            var magic = bytes.Length >= 2 ? (bytes[0] | (bytes[1] << 8)).ToString(CultureInfo.InvariantCulture) : "-";
            RowFor(MagicNumbers.TryGetInfo((ushort)(bytes.Length >= 2 ? bytes[0] | (bytes[1] << 8) : 0), out var i) ? Key(i) : $"{magic} (unknown)").AddFile(false, false);
            Add(rel, "read", "-", e.Message);
            return;
        }

        var row = RowFor(pyc.Header.Info is { } info ? Key(info) : $"{pyc.Header.Magic} ({pyc.Header.Version})");
        bool fileSame;
        try
        {
            var written = pyc.ToBytes();
            fileSame = written.AsSpan().SequenceEqual(bytes);
            if (!fileSame)
            {
                var at = written.AsSpan().CommonPrefixLength(bytes);
                Add(rel, "file", "-", string.Create(CultureInfo.InvariantCulture, $"written bytes differ from offset {at} ({written.Length} bytes written, {bytes.Length} read)"));
            }
        }
        catch (MarshalWriteException e)
        {
            fileSame = false;
            Add(rel, "file", "-", "write: " + e.Message);
        }

        row.AddFile(true, fileSame);
        if (pyc.Value is not PyCode top)
        {
            return;
        }

        foreach (var (co, name) in Walk(top, top.Name.Value))
        {
            var what = string.Create(CultureInfo.InvariantCulture, $"{name}:{co.FirstLineNo}");
            try
            {
                var diffs = CodeFidelity.Compare(co, CodeFidelity.RoundTrip(co, pyc.Header.Version));
                row.AddCode(diffs.Count == 0);
                if (diffs.Count > 0)
                {
                    var stack = diffs.Contains("stacksize") ? string.Create(CultureInfo.InvariantCulture, $" (stacksize ours {CodeFidelity.RoundTrip(co, pyc.Header.Version).StackSize}, file {co.StackSize})") : string.Empty;
                    Add(rel, "code", what, "differs in " + string.Join(", ", diffs) + stack);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                row.AddCode(false);
                Add(rel, "code", what, e.GetType().Name + ": " + e.Message.Split('\n')[0]);
            }
        }
    }

    private static IEnumerable<(PyCode Code, string Name)> Walk(PyCode code, string name)
    {
        yield return (code, name);
        foreach (var c in code.Consts)
        {
            if (c is PyCode inner)
            {
                foreach (var x in Walk(inner, name + "." + inner.Name.Value))
                {
                    yield return x;
                }
            }
        }
    }

    private static string Key(MagicInfo i) => string.Create(CultureInfo.InvariantCulture, $"{i.Magic} {i.Release} ({i.Version})");

    private Row RowFor(string key) => rows.GetOrAdd(key, _ => new Row());

    private void Add(string file, string level, string what, string detail) =>
        exceptions.Add($"{file}\t{level}\t{what}\t{detail.Replace('\t', ' ')}");

    public string Table()
    {
        var lines = new List<string> { "| magic, release (version) | files | file identical | code objects | code identical |", "| --- | --- | --- | --- | --- |" };
        foreach (var (key, r) in rows.OrderBy(kv => int.Parse(kv.Key.Split(' ')[0], CultureInfo.InvariantCulture) is var m && m < 3000 && m > 1000 ? m - 100000 : m))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {key} | {r.Files} | {r.FilesIdentical} | {r.CodeObjects} | {r.CodeIdentical} |"));
        }

        var total = rows.Values;
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"| total | {total.Sum(r => r.Files)} | {total.Sum(r => r.FilesIdentical)} | {total.Sum(r => r.CodeObjects)} | {total.Sum(r => r.CodeIdentical)} |"));
        return string.Join("\n", lines);
    }

    internal sealed class Row
    {
        private int files;
        private int read;
        private int filesIdentical;
        private int codeObjects;
        private int codeIdentical;

        public int Files => files;

        public int Read => read;

        public int FilesIdentical => filesIdentical;

        public int CodeObjects => codeObjects;

        public int CodeIdentical => codeIdentical;

        public void AddFile(bool wasRead, bool same)
        {
            Interlocked.Increment(ref files);
            if (wasRead)
            {
                Interlocked.Increment(ref read);
            }

            if (same)
            {
                Interlocked.Increment(ref filesIdentical);
            }
        }

        public void AddCode(bool same)
        {
            Interlocked.Increment(ref codeObjects);
            if (same)
            {
                Interlocked.Increment(ref codeIdentical);
            }
        }
    }
}
