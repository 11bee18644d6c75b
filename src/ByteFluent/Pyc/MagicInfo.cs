using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Pyc;

/// <summary>
/// What a .pyc magic number says: the release line (<see cref="Version"/>), the release or pre-release that
/// introduced the number (<see cref="Release"/>), and the era of its files: header size and the layout of its code
/// objects, which pre-releases may not share with the final release (3.8.0a1–a4 predate <c>co_posonlyargcount</c>).
/// </summary>
/// <param name="Magic">The magic number.</param>
/// <param name="Version">The release line whose opcode table applies.</param>
/// <param name="Release">The (pre-)release that introduced the number, e.g. <c>3.8.0a3</c> or <c>PyPy 2.7</c>.</param>
/// <param name="HeaderSize">The size of the .pyc header in bytes (8, 12 or 16).</param>
/// <param name="CodeLayout">The code-object layout, or null for the release line's own.</param>
public sealed record MagicInfo(ushort Magic, PythonVersion Version, string Release, int HeaderSize, CodeObjectLayout? CodeLayout = null)
{
    /// <summary>Whether the header's magic is two bytes followed by <c>0x99 0x00</c> (1.0–1.2) rather than <c>\r\n</c>.</summary>
    public bool HasOldMarker => Magic is 39170 or 39171;

    /// <summary>Whether this is the number the version's final release writes (what <see cref="MagicNumbers.Of"/> returns).</summary>
    public bool IsFinal { get; init; }

    /// <summary>The marshal format of the number's files.</summary>
    public MarshalFormat Format => MarshalFormat.For(Version, CodeLayout);

    /// <inheritdoc/>
    public override string ToString() => $"magic {Magic}: {Release} (Python {Version})";
}
