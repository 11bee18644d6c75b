using System.Text;
using ByteFluent.Assembly;
using ByteFluent.Diff;
using ByteFluent.Inspection;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Text;
using ByteFluent.Versions;

namespace ByteFluent.Fuzz;

/// <summary>
/// One fuzz target per reader. Each runs the reader on the input and swallows only the exceptions the reader
/// documents; anything else escapes and is a finding. Compiled into the fuzzing program (tools/fuzz) and into the
/// test project, which replays the kept crash files (tests/ByteFluent.Tests/Hostile/crashes/TARGET/*).
/// </summary>
public static class FuzzTargets
{
    /// <summary>The targets by name.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["pyc"] = Pyc,
        ["marshal"] = Marshal,
        ["fromcode"] = FromCode,
        ["tocode"] = ToCode,
        ["asm"] = Asm,
        ["table"] = Table,
        ["diff"] = Diff,
    };

    // Computed on first use: instrumented library code must not run before SharpFuzz has set up AFL's shared memory.
    private static PythonVersion[]? versions;

    private static PythonVersion[] Versions => versions ??= [.. OpcodeTables.All.Select(t => t.Version)];

    /// <summary><c>PycFile.Read</c>, then writing the file back.</summary>
    public static void Pyc(byte[] data)
    {
        if (TryRead(data) is { } pyc)
        {
            Documented(() => pyc.ToBytes());
        }
    }

    /// <summary>A headerless marshal stream; the first byte picks the version.</summary>
    public static void Marshal(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var version = Versions[data[0] % Versions.Length];
        try
        {
            var value = MarshalReader.Loads(data.AsSpan(1), version);
            Documented(() => MarshalWriter.Dumps(value, version));
        }
        catch (PycFormatException)
        {
        }
    }

    /// <summary>
    /// A seed for <see cref="Marshal"/> from a <c>.pyc</c> file: the index of the file's version, then its marshal
    /// stream as written; null for a file whose header does not read.
    /// </summary>
    public static byte[]? MarshalSeed(byte[] pyc)
    {
        try
        {
            var header = PycHeader.Read(pyc);
            var index = Array.IndexOf(Versions, header.Version);
            return index < 0 || header.Size > pyc.Length ? null : [(byte)index, .. pyc.AsSpan(header.Size)];
        }
        catch (PycFormatException)
        {
            return null;
        }
    }

    /// <summary><c>Code.FromCode</c> of every code object, and the tolerant disassembly (which must never throw).</summary>
    public static void FromCode(byte[] data)
    {
        if (TryRead(data) is not { Value: PyCode code } pyc)
        {
            return;
        }

        Documented(() => Model.Code.FromCode(code, pyc.Header.Version));
        foreach (var c in code.SelfAndDescendants())
        {
            _ = TolerantDisassembler.Disassemble(c, pyc.Header.Version).Listing.Length;
        }
    }

    /// <summary><c>ToCode</c> on decoded code, then the text assembly written and read back.</summary>
    public static void ToCode(byte[] data)
    {
        if (TryRead(data) is not { Value: PyCode code } pyc)
        {
            return;
        }

        Documented(() =>
        {
            var model = Model.Code.FromCode(code, pyc.Header.Version);
            var rebuilt = model.ToCode();
            (pyc with { Value = rebuilt, Layout = null }).ToBytes();
            var text = AsmWriter.Write(pyc);
            AsmReader.Parse(text, "fuzz.pyasm");
        });
    }

    /// <summary><c>AsmReader.Parse</c> of the input as UTF-8 text.</summary>
    public static void Asm(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        Documented(() => AsmReader.Parse(text, "fuzz.pyasm").ToBytes());
    }

    /// <summary><c>OpcodeTableFile.Parse</c> of the input as JSON text.</summary>
    public static void Table(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        try
        {
            OpcodeTableFile.Parse(text, "fuzz.json");
        }
        catch (InvalidOpcodeTableException)
        {
        }
    }

    /// <summary>The structural diff of two files: the first two bytes say where the second starts.</summary>
    public static void Diff(byte[] data)
    {
        if (data.Length < 2)
        {
            return;
        }

        var split = Math.Min(data.Length - 2, data[0] | (data[1] << 8));
        var a = TryRead(data.AsSpan(2, split).ToArray());
        var b = TryRead(data.AsSpan(2 + split).ToArray());
        if (a is not null && b is not null)
        {
            Documented(() => PycDiff.Compare(a, b));
        }
    }

    private static PycFile? TryRead(byte[] data)
    {
        try
        {
            return PycFile.Read(data);
        }
        catch (PycFormatException)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="action"/>, swallowing the exceptions the library documents for bad input.</summary>
    private static void Documented(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is PycFormatException or BytecodeFormatException or InvalidCodeException
            or VerificationException or MarshalWriteException or AsmSyntaxException)
        {
        }
    }

    private static void Documented<T>(Func<T> action) => Documented(() => { _ = action(); });
}
