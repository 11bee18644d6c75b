using System.Buffers.Binary;
using System.Collections.Immutable;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Pyc;

/// <summary>How a 3.7+ .pyc is checked against its source (PEP 552).</summary>
public enum PycInvalidation
{
    /// <summary>By the source's modification time and size (flags 0; the only kind before 3.7).</summary>
    Timestamp,

    /// <summary>By a hash of the source, checked at import (flags 0b11).</summary>
    CheckedHash,

    /// <summary>By a hash of the source, not checked at import (flags 0b01).</summary>
    UncheckedHash,
}

/// <summary>
/// The header of a .pyc file. Its layout depends on the era: 1.0–3.2 are magic + mtime (8 bytes; 1.0–1.2 follow the
/// two magic bytes with 0x99 0x00 instead of "\r\n"); 3.3–3.6 add the source size (12 bytes); 3.7+ have magic + flags +
/// either mtime and size or an 8-byte source hash (16 bytes). Pre-releases may differ from their release line (3.7a1's
/// and a2's 12 bytes): the magic number decides (<see cref="MagicInfo.HeaderSize"/>).
/// </summary>
public sealed record PycHeader
{
    /// <summary>The magic number (first two bytes, little-endian).</summary>
    public required ushort Magic { get; init; }

    /// <summary>The Python version the magic number belongs to.</summary>
    public required PythonVersion Version { get; init; }

    /// <summary>The flags word (3.7+; 0 before).</summary>
    public uint Flags { get; init; }

    /// <summary>The source modification time, seconds since the epoch modulo 2**32 (timestamp-based .pyc).</summary>
    public uint Timestamp { get; init; }

    /// <summary>The source size modulo 2**32 (3.3+ timestamp-based .pyc).</summary>
    public uint SourceSize { get; init; }

    /// <summary>The 8-byte source hash of a hash-based .pyc (3.7+), else empty.</summary>
    public ImmutableArray<byte> SourceHash { get; init; } = [];

    /// <summary>How the .pyc is invalidated.</summary>
    public PycInvalidation Invalidation => (Flags & 1) == 0 ? PycInvalidation.Timestamp
        : (Flags & 2) != 0 ? PycInvalidation.CheckedHash : PycInvalidation.UncheckedHash;

    /// <summary>The header size in bytes (the magic number's era when it is one of <see cref="Version"/>'s).</summary>
    public int Size => Info?.HeaderSize ?? SizeFor(Version);

    /// <summary>The known release and era of <see cref="Magic"/> when it belongs to <see cref="Version"/>, else null (a custom build's number).</summary>
    public MagicInfo? Info => MagicNumbers.TryGetInfo(Magic, out var info) && info.Version == Version ? info : null;

    /// <summary>The marshal format of the file's body: the version's, with the magic number's code layout.</summary>
    public MarshalFormat Format => MarshalFormat.For(Version, Info?.CodeLayout);

    /// <summary>The header size of the final release's .pyc files of a version.</summary>
    public static int SizeFor(PythonVersion version) =>
        version < PythonVersion.V3_3 ? 8 : version < PythonVersion.V3_7 ? 12 : 16;

    /// <summary>A timestamp-based header for <paramref name="version"/>.</summary>
    public static PycHeader ForTimestamp(PythonVersion version, uint timestamp, uint sourceSize) => new()
    {
        Magic = MagicNumbers.Of(version),
        Version = version,
        Timestamp = timestamp,
        SourceSize = SizeFor(version) == 8 ? 0 : sourceSize,
    };

    /// <summary>A hash-based header (3.7+).</summary>
    /// <exception cref="ArgumentException">The version predates hash-based .pyc files or the hash is not 8 bytes.</exception>
    public static PycHeader ForHash(PythonVersion version, ReadOnlySpan<byte> sourceHash, bool checkSource)
    {
        if (SizeFor(version) != 16)
        {
            throw new ArgumentException($"Python {version} has no hash-based .pyc files (PEP 552 is 3.7+).", nameof(version));
        }

        if (sourceHash.Length != 8)
        {
            throw new ArgumentException("A source hash is 8 bytes.", nameof(sourceHash));
        }

        return new PycHeader { Magic = MagicNumbers.Of(version), Version = version, Flags = checkSource ? 3u : 1u, SourceHash = [.. sourceHash] };
    }

    /// <summary>Reads a header from the start of <paramref name="data"/>.</summary>
    /// <exception cref="PycFormatException">Truncated, not a .pyc, unknown magic number, or invalid flags.</exception>
    public static PycHeader Read(ReadOnlySpan<byte> data) => Read(data, null);

    /// <summary>
    /// Reads a header; a magic number equal to <paramref name="table"/>'s (a custom build's own magic) means the table's
    /// version, any other is looked up among CPython's.
    /// </summary>
    /// <exception cref="PycFormatException">Truncated, not a .pyc, unknown magic number, or invalid flags.</exception>
    public static PycHeader Read(ReadOnlySpan<byte> data, OpcodeTable? table)
    {
        if (data.Length < 4)
        {
            throw new PycFormatException(data.Length, "a 4-byte magic number", $"the file has only {data.Length} bytes");
        }

        var magic = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var oldMarker = magic is 39170 or 39171 && data[2] == 0x99 && data[3] == 0;
        if (!oldMarker && (data[2] != '\r' || data[3] != '\n'))
        {
            throw new PycFormatException(2, "\"\\r\\n\" after the magic number", $"found 0x{data[2]:x2} 0x{data[3]:x2}: not a .pyc file");
        }

        var version = table is not null && table.Magic == magic ? table.Version : MagicNumbers.GetVersion(magic);

        // PyPy 3.8 writes CPython 3.8's number; its marshal never flags the module's code object for reference,
        // which CPython 3.8's always does ('c' rather than 0xe3 after the 16-byte header).
        if (version == PythonVersion.V3_8 && magic == 3413 && data.Length > 16 && data[16] == (byte)'c' && table is null)
        {
            version = PythonVersion.PyPy3_8;
        }
        var size = new PycHeader { Magic = magic, Version = version }.Size;
        if (data.Length < size)
        {
            throw new PycFormatException(data.Length, $"a {size}-byte .pyc header of Python {version}", $"the file has only {data.Length} bytes");
        }

        if (size == 8)
        {
            return new PycHeader { Magic = magic, Version = version, Timestamp = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) };
        }

        if (size == 12)
        {
            return new PycHeader
            {
                Magic = magic,
                Version = version,
                Timestamp = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]),
                SourceSize = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]),
            };
        }

        var flags = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if ((flags & ~3u) != 0)
        {
            throw new PycFormatException(4, "flags 0, 1 or 3", $"invalid flags 0x{flags:x8}");
        }

        return (flags & 1) == 0
            ? new PycHeader
            {
                Magic = magic,
                Version = version,
                Flags = flags,
                Timestamp = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]),
                SourceSize = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]),
            }
            : new PycHeader { Magic = magic, Version = version, Flags = flags, SourceHash = [.. data[8..16]] };
    }

    /// <summary>The header's bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        MagicNumbers.BytesOf(Magic).CopyTo(bytes, 0);
        if (Size == 8)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Timestamp);
        }
        else if (Size == 12)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Timestamp);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), SourceSize);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Flags);
            if ((Flags & 1) == 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Timestamp);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), SourceSize);
            }
            else
            {
                if (SourceHash.Length != 8)
                {
                    throw new MarshalWriteException("A hash-based .pyc header needs an 8-byte source hash.");
                }

                SourceHash.AsSpan().CopyTo(bytes.AsSpan(8));
            }
        }

        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(PycHeader? other) => other is not null && Magic == other.Magic && Version == other.Version && Flags == other.Flags
        && Timestamp == other.Timestamp && SourceSize == other.SourceSize && SourceHash.AsSpan().SequenceEqual(other.SourceHash.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Magic, Flags, Timestamp, SourceSize);
}
