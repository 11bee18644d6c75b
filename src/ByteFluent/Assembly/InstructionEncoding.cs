using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>How instructions are laid out in <c>co_code</c>: 2.7's 1-or-3-byte form or 3.6+'s 2-byte code units.</summary>
public abstract class InstructionEncoding
{
    /// <summary>2.7: an opcode byte, plus a 16-bit little-endian argument for opcodes with one.</summary>
    public static InstructionEncoding Bytes27 { get; } = new Variable();

    /// <summary>3.6+: opcode byte and argument byte per code unit, EXTENDED_ARG units for wider arguments, then caches.</summary>
    public static InstructionEncoding Wordcode { get; } = new Word();

    /// <summary>Splits code into instructions.</summary>
    /// <exception cref="BytecodeFormatException">The code is truncated, uses an unknown opcode, or has a dangling EXTENDED_ARG.</exception>
    public abstract IReadOnlyList<RawInstruction> Decode(OpcodeTable table, ReadOnlySpan<byte> code);

    /// <summary>As <see cref="Decode(OpcodeTable, ReadOnlySpan{byte})"/>, appending to <paramref name="result"/> (a reused list: <c>FromCode</c>'s path).</summary>
    /// <exception cref="BytecodeFormatException">The code is truncated, uses an unknown opcode, or has a dangling EXTENDED_ARG.</exception>
    internal virtual void Decode(OpcodeTable table, ReadOnlySpan<byte> code, List<RawInstruction> result) => result.AddRange(Decode(table, code));

    /// <summary>Bytes an instruction takes with this argument (prefixes and caches included).</summary>
    /// <param name="opcode">The opcode.</param>
    /// <param name="arg">Its argument.</param>
    /// <param name="minimumPrefixes">At least this many EXTENDED_ARG prefixes (to keep redundant ones CPython wrote).</param>
    public abstract int Size(Opcode opcode, int arg, int minimumPrefixes);

    /// <summary>Writes an instruction (with prefixes and zeroed caches).</summary>
    public abstract void Write(List<byte> output, Opcode opcode, int arg, int minimumPrefixes);

    /// <summary>
    /// Writes an instruction into <paramref name="output"/>, which has room for its <see cref="Size"/>; returns the bytes
    /// written. The assembler's path: the code is written in place into its final array.
    /// </summary>
    internal virtual int Write(Span<byte> output, Opcode opcode, int arg, int minimumPrefixes)
    {
        var bytes = new List<byte>();
        Write(bytes, opcode, arg, minimumPrefixes);
        bytes.CopyTo(output);
        return bytes.Count;
    }

    /// <summary>Bytes per unit in which jump arguments and table offsets count (1 or 2).</summary>
    public abstract int UnitSize { get; }

    /// <summary>How many EXTENDED_ARG prefixes an argument needs.</summary>
    public abstract int MinimumPrefixes(int arg);

    private sealed class Variable : InstructionEncoding
    {
        public override int UnitSize => 1;

        public override int MinimumPrefixes(int arg) => (uint)arg > 0xFFFF ? 1 : 0;

        public override IReadOnlyList<RawInstruction> Decode(OpcodeTable table, ReadOnlySpan<byte> code)
        {
            var result = new List<RawInstruction>(code.Length / 2);
            Decode(table, code, result);
            return result;
        }

        internal override void Decode(OpcodeTable table, ReadOnlySpan<byte> code, List<RawInstruction> result)
        {
            var pos = 0;
            var ext = 0;
            var start = -1;
            var prefixes = 0;
            while (pos < code.Length)
            {
                var number = code[pos];
                if (!table.TryGetOpcode(number, out var op))
                {
                    throw new BytecodeFormatException("co_code", pos, $"unknown opcode {number}");
                }

                var at = pos;
                var arg = 0;
                pos++;
                // The opcode's own flag rather than HAVE_ARGUMENT: a remapped table may move opcodes across that boundary.
                if (op.HasArg)
                {
                    if (pos + 2 > code.Length)
                    {
                        throw new BytecodeFormatException("co_code", at, $"{op} is missing its argument bytes");
                    }

                    arg = code[pos] | (code[pos + 1] << 8);
                    pos += 2;
                }

                if (op == table.ExtendedArg)
                {
                    if (start < 0)
                    {
                        start = at;
                    }

                    ext = (ext | arg) << 16;
                    prefixes++;
                    continue;
                }

                var first = start < 0 ? at : start;
                result.Add(new RawInstruction(first, pos - first, op, ext | arg, prefixes));
                ext = 0;
                start = -1;
                prefixes = 0;
            }

            if (start >= 0)
            {
                throw new BytecodeFormatException("co_code", start, "EXTENDED_ARG at the end of the code");
            }
        }

        public override int Size(Opcode opcode, int arg, int minimumPrefixes)
        {
            if (!opcode.HasArg)
            {
                return 1;
            }

            var prefixes = Math.Max(minimumPrefixes, (uint)arg > 0xFFFF ? 1 : 0);
            return 3 + (3 * prefixes);
        }

        public override void Write(List<byte> output, Opcode opcode, int arg, int minimumPrefixes)
        {
            if (!opcode.HasArg)
            {
                output.Add((byte)opcode.Number);
                return;
            }

            var prefixes = (Size(opcode, arg, minimumPrefixes) - 3) / 3;
            for (var k = prefixes; k > 0; k--)
            {
                var high = (int)((uint)arg >> (16 * k)) & 0xFFFF;
                output.Add((byte)opcode.Table.ExtendedArg.Number);
                output.Add((byte)(high & 0xFF));
                output.Add((byte)(high >> 8));
            }

            output.Add((byte)opcode.Number);
            output.Add((byte)(arg & 0xFF));
            output.Add((byte)((arg >> 8) & 0xFF));
        }

        internal override int Write(Span<byte> output, Opcode opcode, int arg, int minimumPrefixes)
        {
            if (!opcode.HasArg)
            {
                output[0] = (byte)opcode.Number;
                return 1;
            }

            var prefixes = (Size(opcode, arg, minimumPrefixes) - 3) / 3;
            var at = 0;
            for (var k = prefixes; k > 0; k--)
            {
                var high = (int)((uint)arg >> (16 * k)) & 0xFFFF;
                output[at] = (byte)opcode.Table.ExtendedArg.Number;
                output[at + 1] = (byte)(high & 0xFF);
                output[at + 2] = (byte)(high >> 8);
                at += 3;
            }

            output[at] = (byte)opcode.Number;
            output[at + 1] = (byte)(arg & 0xFF);
            output[at + 2] = (byte)((arg >> 8) & 0xFF);
            return at + 3;
        }
    }

    private sealed class Word : InstructionEncoding
    {
        public override int UnitSize => 2;

        public override int MinimumPrefixes(int arg)
        {
            var u = (uint)arg;
            return u > 0xFFFFFF ? 3 : u > 0xFFFF ? 2 : u > 0xFF ? 1 : 0;
        }

        public override IReadOnlyList<RawInstruction> Decode(OpcodeTable table, ReadOnlySpan<byte> code)
        {
            if (code.Length % 2 != 0)
            {
                throw new BytecodeFormatException("co_code", code.Length - 1, "wordcode has an odd number of bytes");
            }

            var result = new List<RawInstruction>(Count(table, code));
            Decode(table, code, result);
            return result;
        }

        internal override void Decode(OpcodeTable table, ReadOnlySpan<byte> code, List<RawInstruction> result)
        {
            if (code.Length % 2 != 0)
            {
                throw new BytecodeFormatException("co_code", code.Length - 1, "wordcode has an odd number of bytes");
            }

            var pos = 0;
            var ext = 0;
            var start = -1;
            var prefixes = 0;
            while (pos < code.Length)
            {
                var number = code[pos];
                if (!table.TryGetOpcode(number, out var op))
                {
                    throw new BytecodeFormatException("co_code", pos, $"unknown opcode {number}");
                }

                var at = pos;
                var arg = ext | code[pos + 1];
                pos += 2;
                if (op == table.ExtendedArg)
                {
                    if (start < 0)
                    {
                        start = at;
                    }

                    ext = arg << 8;
                    prefixes++;
                    continue;
                }

                pos += 2 * op.CacheEntries;
                if (pos > code.Length)
                {
                    throw new BytecodeFormatException("co_code", at, $"{op} is missing its {op.CacheEntries} cache entries");
                }

                var first = start < 0 ? at : start;
                result.Add(new RawInstruction(first, pos - first, op, op.HasArg ? arg : arg, prefixes));
                ext = 0;
                start = -1;
                prefixes = 0;
            }

            if (start >= 0)
            {
                throw new BytecodeFormatException("co_code", start, "EXTENDED_ARG at the end of the code");
            }
        }

        // The number of instructions (for the list's exact size: with inline caches, half the bytes is far too many).
        private static int Count(OpcodeTable table, ReadOnlySpan<byte> code)
        {
            var count = 0;
            for (var pos = 0; pos + 1 < code.Length;)
            {
                if (!table.TryGetOpcode(code[pos], out var op))
                {
                    break;
                }

                pos += 2;
                if (op != table.ExtendedArg)
                {
                    pos += 2 * op.CacheEntries;
                    count++;
                }
            }

            return count;
        }

        public override int Size(Opcode opcode, int arg, int minimumPrefixes)
        {
            var u = (uint)arg;
            var prefixes = u > 0xFFFFFF ? 3 : u > 0xFFFF ? 2 : u > 0xFF ? 1 : 0;
            return 2 * (1 + Math.Max(prefixes, minimumPrefixes) + opcode.CacheEntries);
        }

        public override void Write(List<byte> output, Opcode opcode, int arg, int minimumPrefixes)
        {
            var prefixes = (Size(opcode, arg, minimumPrefixes) / 2) - 1 - opcode.CacheEntries;
            var ext = (byte)opcode.Table.ExtendedArg.Number;
            for (var k = prefixes; k > 0; k--)
            {
                output.Add(ext);
                output.Add((byte)((uint)arg >> (8 * k)));
            }

            output.Add((byte)opcode.Number);
            output.Add((byte)arg);
            for (var c = 0; c < opcode.CacheEntries; c++)
            {
                output.Add(0);
                output.Add(0);
            }
        }

        internal override int Write(Span<byte> output, Opcode opcode, int arg, int minimumPrefixes)
        {
            var caches = opcode.CacheEntries;
            var prefixes = (Size(opcode, arg, minimumPrefixes) / 2) - 1 - caches;
            var at = 0;
            if (prefixes > 0)
            {
                var ext = (byte)opcode.Table.ExtendedArg.Number;
                for (var k = prefixes; k > 0; k--)
                {
                    output[at] = ext;
                    output[at + 1] = (byte)((uint)arg >> (8 * k));
                    at += 2;
                }
            }

            output[at] = (byte)opcode.Number;
            output[at + 1] = (byte)arg;
            at += 2;
            output.Slice(at, 2 * caches).Clear();
            return at + (2 * caches);
        }
    }
}
