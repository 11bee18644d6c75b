using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Disassembly;

/// <summary>What a command read: a .pyc (with its header) or a headerless marshal stream of a given version.</summary>
/// <param name="Path">The file.</param>
/// <param name="Version">The bytecode version.</param>
/// <param name="Pyc">The .pyc, or null for a headerless stream.</param>
/// <param name="Value">The marshalled value (a code object normally).</param>
internal sealed record CodeInput(string Path, PythonVersion Version, PycFile? Pyc, PyObject Value)
{
    /// <summary>
    /// Reads <paramref name="path"/> as a .pyc, or, when <paramref name="headerless"/> is given, as the output of
    /// <c>marshal.dumps(...)</c> of that version.
    /// </summary>
    /// <exception cref="UsageException">The file does not exist.</exception>
    /// <exception cref="PycFormatException">The data cannot be read.</exception>
    public static CodeInput Load(string path, PythonVersion? headerless)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"'{path}' does not exist");
        }

        if (headerless is { } version)
        {
            return new CodeInput(path, version, null, MarshalReader.Loads(File.ReadAllBytes(path), version));
        }

        var pyc = PycFile.Load(path);
        return new CodeInput(path, pyc.Header.Version, pyc, pyc.Value);
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
