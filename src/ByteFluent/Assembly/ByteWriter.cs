using System.Buffers;

namespace ByteFluent.Assembly;

/// <summary>
/// A growable byte buffer over a pooled array, for the tables the assembler writes: the bytes are written in place and
/// copied out once at their exact size (no <c>List&lt;byte&gt;</c> growth, no second copy). Pass it by <c>ref</c>, and
/// <see cref="Dispose"/> it to give the array back.
/// </summary>
internal struct ByteWriter : IDisposable
{
    private byte[] buffer;
    private int length;

    /// <summary>A writer with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public ByteWriter(int capacity)
    {
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));
        length = 0;
    }

    /// <summary>The bytes written so far.</summary>
    public readonly int Length => length;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public readonly ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    /// <summary>Appends one byte.</summary>
    public void Add(byte value)
    {
        if (length == buffer.Length)
        {
            Grow(length + 1);
        }

        buffer[length++] = value;
    }

    /// <summary>Room for <paramref name="count"/> more bytes, to be filled in place (they count as written).</summary>
    public Span<byte> Append(int count)
    {
        if (length + count > buffer.Length)
        {
            Grow(length + count);
        }

        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }

    /// <summary>A copy of the bytes written, at their exact size.</summary>
    public readonly byte[] ToArray() => length == 0 ? [] : buffer.AsSpan(0, length).ToArray();

    /// <summary>Returns the pooled array.</summary>
    public void Dispose()
    {
        if (buffer is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = [];
        length = 0;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, length).CopyTo(larger);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = larger;
    }
}
