using System.Collections.Immutable;
using ByteFluent.Marshal;

namespace ByteFluent.Pyc;

/// <summary>
/// A .pyc file: header, the marshalled module (normally a <see cref="PyCode"/>), and the layout captured
/// when it was read, so that <see cref="ToBytes"/> of an unchanged (or equal) file gives the original
/// bytes. Bytes after the marshalled object (which CPython ignores) are kept in <see cref="Trailer"/>.
/// </summary>
public sealed record PycFile
{
    /// <summary>The header.</summary>
    public required PycHeader Header { get; init; }

    /// <summary>The marshalled object (a code object in every .pyc CPython writes).</summary>
    public required PyObject Value { get; init; }

    /// <summary>How <see cref="Value"/> was encoded, when it was read from bytes; null for a new file.</summary>
    public MarshalLayout? Layout { get; init; }

    /// <summary>Bytes after the marshalled object.</summary>
    public ImmutableArray<byte> Trailer { get; init; } = [];

    /// <summary>The module's code object.</summary>
    /// <exception cref="PycFormatException">The file holds something else (the offset is the end of the header).</exception>
    public PyCode Code => Value as PyCode ?? throw new PycFormatException(Header.Size, "a code object", $"the .pyc holds a {Value.TypeName}");

    /// <summary>The marshal format of the file: its version's, in its magic number's era (<see cref="PycHeader.Format"/>).</summary>
    public MarshalFormat Format => Header.Format;

    /// <summary>Creates a new .pyc for <paramref name="code"/> with a timestamp header.</summary>
    public static PycFile Create(PyCode code, Versions.PythonVersion version, uint timestamp = 0, uint sourceSize = 0) =>
        new() { Header = PycHeader.ForTimestamp(version, timestamp, sourceSize), Value = code };

    /// <summary>Reads a .pyc from memory.</summary>
    /// <exception cref="PycFormatException">The data is not a valid .pyc of a supported version.</exception>
    public static PycFile Read(ReadOnlySpan<byte> data) => Read(data, null);

    /// <summary>
    /// Reads a .pyc from memory whose magic number may be <paramref name="table"/>'s own (a custom CPython build);
    /// disassemble its code with <c>Code.FromCode(pyc.Code, table)</c>.
    /// </summary>
    /// <exception cref="PycFormatException">The data is not a valid .pyc of a supported version or of the table.</exception>
    public static PycFile Read(ReadOnlySpan<byte> data, Versions.OpcodeTable? table)
    {
        var header = PycHeader.Read(data, table);
        var format = header.Format;
        var body = data[header.Size..];
        var result = MarshalReader.Read(body, format, new MarshalReaderOptions { BaseOffset = header.Size });
        return new PycFile
        {
            Header = header,
            Value = result.Value,
            Layout = result.Layout,
            Trailer = [.. body[result.Length..]],
        };
    }

    /// <summary>Reads a .pyc file.</summary>
    /// <exception cref="PycFormatException">The file is not a valid .pyc of a supported version.</exception>
    public static PycFile Load(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Reads a .pyc file whose magic number may be <paramref name="table"/>'s own (see <see cref="Read(ReadOnlySpan{byte}, Versions.OpcodeTable?)"/>).</summary>
    /// <exception cref="PycFormatException">The file is not a valid .pyc of a supported version or of the table.</exception>
    public static PycFile Load(string path, Versions.OpcodeTable? table) => Read(File.ReadAllBytes(path), table);

    /// <summary>The file's bytes.</summary>
    public byte[] ToBytes()
    {
        ArgumentNullException.ThrowIfNull(Value);
        return MarshalWriter.Write(Value, Format, Layout, Header.ToBytes(), Trailer.AsSpan());
    }

    /// <summary>Writes the file atomically: to a temporary file in the same folder, then renamed into place.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, ToBytes());
}
