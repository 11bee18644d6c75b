namespace ByteFluent.Versions;

/// <summary>A Python version for which ByteFluent has no opcode table.</summary>
public sealed class UnsupportedPythonVersionException : ArgumentException
{
    /// <summary>Reports a version without a table.</summary>
    public UnsupportedPythonVersionException(PythonVersion version)
        : base($"There is no opcode table for Python {version}; supported: {string.Join(", ", OpcodeTables.All.Select(t => t.Version))}.")
    {
        Version = version;
    }

    /// <summary>The version that was asked for.</summary>
    public PythonVersion Version { get; }
}
