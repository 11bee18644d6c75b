using System.Globalization;
using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Diff;

/// <summary>
/// The structural diff of two .pyc files behind <c>bytefluent diff</c>: the header fields, then every code object
/// matched by qualified name (<see cref="CodeNames"/>) — the ones found in one file only, and for the others each
/// differing field and an instruction-level diff of the two listings with labels numbered by position
/// (<see cref="NormalizedListing"/>), so renumbered labels do not count as differences.
/// </summary>
public static class PycDiff
{
    /// <summary>Compares two files.</summary>
    public static PycDiffResult Compare(PycFile a, PycFile b, PycDiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var header = HeaderDifferences(a, b);
        if (a.Value is not PyCode ca || b.Value is not PyCode cb)
        {
            // Not modules: only the values themselves can be compared.
            if (!PyEquality.Strict(a.Value, b.Value))
            {
                header.Add(new FieldDifference("value", ValueText.Of(a.Value), ValueText.Of(b.Value)));
            }

            return new PycDiffResult(header, [], 0);
        }

        var code = Compare(ca, a.Header.Version, cb, b.Header.Version, options);
        return code with { Header = header };
    }

    /// <summary>Compares two module code objects (for example read from headerless marshal data).</summary>
    public static PycDiffResult Compare(PyCode a, PythonVersion versionA, PyCode b, PythonVersion versionB, PycDiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new PycDiffOptions();
        var header = new List<FieldDifference>();
        if (versionA != versionB)
        {
            header.Add(new FieldDifference("version", versionA.ToString(), versionB.ToString()));
        }

        var inA = CodeNames.Enumerate(a);
        var inB = CodeNames.Enumerate(b).ToDictionary(q => q.Path, StringComparer.Ordinal);
        var pathsA = inA.Select(q => q.Path).ToHashSet(StringComparer.Ordinal);
        var result = new List<CodeObjectDiff>();
        var compared = 0;
        foreach (var qa in inA)
        {
            if (!inB.TryGetValue(qa.Path, out var qb))
            {
                result.Add(new CodeObjectDiff(qa.Path, CodeObjectDiffKind.OnlyInA, [], []));
                continue;
            }

            compared++;
            var fields = CodeFieldDiff.Compare(qa.Code, qb.Code, options);
            var listing = fields.Count == 0 && versionA == versionB
                ? []
                : SequenceDiff.Hunks(SequenceDiff.Compute(Listing(qa.Code, versionA, options), Listing(qb.Code, versionB, options)), options.Context);
            if (fields.Count > 0 || listing.Count > 0)
            {
                result.Add(new CodeObjectDiff(qa.Path, CodeObjectDiffKind.Changed, fields, listing));
            }
        }

        foreach (var qb in CodeNames.Enumerate(b).Where(q => !pathsA.Contains(q.Path)))
        {
            result.Add(new CodeObjectDiff(qb.Path, CodeObjectDiffKind.OnlyInB, [], []));
        }

        return new PycDiffResult(header, result, compared);
    }

    private static List<FieldDifference> HeaderDifferences(PycFile a, PycFile b)
    {
        var (x, y) = (a.Header, b.Header);
        var diffs = new List<FieldDifference>();
        void Add(string field, string first, string second)
        {
            if (first != second)
            {
                diffs.Add(new FieldDifference(field, first, second));
            }
        }

        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        Add("version", x.Version.ToString(), y.Version.ToString());
        Add("magic", N(x.Magic), N(y.Magic));
        Add("flags", N(x.Flags), N(y.Flags));
        Add("timestamp", N(x.Timestamp), N(y.Timestamp));
        Add("source size", N(x.SourceSize), N(y.SourceSize));
        Add("source hash", Convert.ToHexString(x.SourceHash.AsSpan()).ToLowerInvariant(), Convert.ToHexString(y.SourceHash.AsSpan()).ToLowerInvariant());
        Add("trailer", N(a.Trailer.Length) + " bytes", N(b.Trailer.Length) + " bytes");
        return diffs;
    }

    private static IReadOnlyList<string> Listing(PyCode code, PythonVersion version, PycDiffOptions options)
    {
        try
        {
            return NormalizedListing.Lines(Code.FromCode(code, version, nested: false).CodeList, includeLines: !options.IgnoreLines);
        }
        catch (BytecodeFormatException e)
        {
            return ["(cannot disassemble: " + e.Message + ")"];
        }
    }
}
