namespace ByteFluent.Versions;

/// <summary>
/// Everything an <see cref="OpcodeTable"/> is built from: the contents of one opcode table file
/// (<c>docs/opcode-table-format.md</c>). The source generator writes one per table; a custom table can be built by hand.
/// </summary>
public sealed class OpcodeTableDefinition
{
    /// <summary>The name of the generated static class, e.g. <c>Python312</c>.</summary>
    public required string ClassName { get; init; }

    /// <summary>The bytecode language version.</summary>
    public required PythonVersion Version { get; init; }

    /// <summary>The exact interpreter the facts were read from, e.g. <c>3.12.1</c>.</summary>
    public string Interpreter { get; init; } = string.Empty;

    /// <summary>Where the interpreter came from (<c>pyenv</c>, <c>pyodide</c>, or anything for a custom table).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The little-endian 16-bit value of the first two magic bytes.</summary>
    public required int Magic { get; init; }

    /// <summary>The four magic bytes that start a <c>.pyc</c>.</summary>
    public required IReadOnlyList<byte> MagicBytes { get; init; }

    /// <summary><c>marshal.version</c>.</summary>
    public int MarshalVersion { get; init; }

    /// <summary><c>opcode.HAVE_ARGUMENT</c>.</summary>
    public required int HaveArgument { get; init; }

    /// <summary>The number of <c>EXTENDED_ARG</c>.</summary>
    public required int ExtendedArg { get; init; }

    /// <summary>Whether every instruction is a 2-byte code unit (3.6+) rather than 1 or 3 bytes (2.7).</summary>
    public required bool Wordcode { get; init; }

    /// <summary>Every opcode, including specialized, instrumented and pseudo ones.</summary>
    public required IReadOnlyList<OpcodeDefinition> Opcodes { get; init; }

    /// <summary>Every <c>has*</c> set the version defines.</summary>
    public IReadOnlyList<OpcodeSetDefinition> Sets { get; init; } = [];

    /// <summary><c>opcode.cmp_op</c>.</summary>
    public IReadOnlyList<string> CmpOp { get; init; } = [];

    /// <summary>Named argument values, per opcode.</summary>
    public IReadOnlyList<ArgumentNameGroup> ArgumentNames { get; init; } = [];

    /// <summary>Every <c>CO_*</c> flag the version defines.</summary>
    public IReadOnlyList<CodeFlag> CoFlags { get; init; } = [];
}
