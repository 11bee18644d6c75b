using ByteFluent.Cli.Errors;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Disassembly;

/// <summary>What a command read: a .pyc (with its header) or a headerless marshal stream of a given version.</summary>
/// <param name="Path">The file.</param>
/// <param name="Version">The bytecode version.</param>
/// <param name="Pyc">The .pyc, or null for a headerless stream.</param>
/// <param name="Value">The marshalled value (a code object normally).</param>
/// <param name="Table">The opcode table given with <c>--table</c>, or null for the version's built-in one.</param>
internal sealed record CodeInput(string Path, PythonVersion Version, PycFile? Pyc, PyObject Value, OpcodeTable? Table = null)
{
    /// <summary>
    /// Reads <paramref name="path"/> as a .pyc, or, when <paramref name="headerless"/> is given, as the output of
    /// <c>marshal.dumps(...)</c> of that version.
    /// </summary>
    /// <exception cref="UsageException">The file does not exist.</exception>
    /// <exception cref="InputException">The data cannot be read (a <see cref="PycFormatException"/> inside).</exception>
    public static CodeInput Load(string path, PythonVersion? headerless, OpcodeTable? table = null)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"'{path}' does not exist");
        }

        try
        {
            if (headerless is { } version)
            {
                return new CodeInput(path, version, null, MarshalReader.Loads(File.ReadAllBytes(path), version), Matching(table, version));
            }

            var pyc = PycFile.Load(path, table);
            return new CodeInput(path, pyc.Header.Version, pyc, pyc.Value, Matching(table, pyc.Header.Version));
        }
        catch (PycFormatException e)
        {
            throw new InputException(path, e);
        }
    }

    /// <summary>The table if it is of the code's version (a table of another version cannot decode it).</summary>
    private static OpcodeTable? Matching(OpcodeTable? table, PythonVersion version) =>
        table is null || table.Version == version ? table
        : throw new UsageException($"--table: the table is for Python {table.Version}, the code is Python {version}");

    /// <summary>Reads the value of <c>--table</c>.</summary>
    public static OpcodeTable? LoadTable(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--table: '{path}' does not exist");
        }

        try
        {
            return OpcodeTableFile.Load(path);
        }
        catch (InvalidOpcodeTableException e)
        {
            throw new InputException(path, e);
        }
    }

    /// <summary>Parses the value of <c>--python</c>.</summary>
    public static PythonVersion ParseVersion(string text)
    {
        try
        {
            var version = PythonVersion.Parse(text);
            if (version.IsSupported)
            {
                return version;
            }
        }
        catch (FormatException)
        {
        }

        throw new UsageException($"--python: '{text}' is not a supported version (see 'bytefluent versions')");
    }
}
