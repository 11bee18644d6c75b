using ByteFluent.Versions;

namespace ByteFluent.Building;

/// <summary>An opcode is emitted into a builder whose version has no opcode of that name.</summary>
public sealed class MissingOpcodeException(string opcode, PythonVersion version)
    : Exception($"CPython {version} has no opcode {opcode}")
{
    /// <summary>The opcode's name.</summary>
    public string Opcode { get; } = opcode;

    /// <summary>The builder's version.</summary>
    public PythonVersion Version { get; } = version;
}
