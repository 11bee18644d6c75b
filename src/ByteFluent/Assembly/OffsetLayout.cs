using System.Runtime.InteropServices;
using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>
/// Offsets and EXTENDED_ARG: gives every instruction its size, grows jump instructions' prefixes until every jump
/// argument fits (a fixed point: growing one jump can push another's target further), then writes the bytes.
/// </summary>
internal static class OffsetLayout
{
    /// <summary>Sizes and places every slot, resolving jump arguments.</summary>
    /// <exception cref="InvalidCodeException">A jump cannot reach its target (e.g. a forward-only jump to an earlier label).</exception>
    public static void Place(List<AssemblySlot> list, IReadOnlyDictionary<Label, int> labelSlot, BytecodeDialect dialect)
    {
        var enc = dialect.Encoding;
        var slots = CollectionsMarshal.AsSpan(list);
        foreach (ref var s in slots)
        {
            var arg = s.Jump is null ? s.Arg : 0;
            s.Size = enc.Size(s.Op, arg, Math.Max(enc.MinimumPrefixes(arg), s.Instr.MinimumPrefixes));
        }

        while (true)
        {
            var offset = 0;
            foreach (ref var s in slots)
            {
                s.Offset = offset;
                offset += s.Size;
            }

            var changed = false;
            foreach (ref var s in slots)
            {
                if (s.Jump is null)
                {
                    continue;
                }

                var index = labelSlot[s.Jump];
                var target = index < slots.Length ? slots[index].Offset : offset;
                var arg = dialect.JumpArgument(s.Op, s.Offset, s.Size, target);
                if (arg < 0)
                {
                    throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), $"{s.Op} cannot reach offset {target} from offset {s.Offset} (wrong direction)");
                }

                s.Arg = arg;
                var size = enc.Size(s.Op, arg, Math.Max(enc.MinimumPrefixes(arg), s.Instr.MinimumPrefixes));
                if (size > s.Size)
                {
                    s.Size = size;
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    /// <summary>The bytes of the placed slots.</summary>
    public static byte[] Write(List<AssemblySlot> list, BytecodeDialect dialect)
    {
        var enc = dialect.Encoding;
        var code = new byte[TotalSize(list)];
        var at = 0;
        foreach (ref readonly var s in CollectionsMarshal.AsSpan(list))
        {
            at += enc.Write(code.AsSpan(at), s.Op, s.Arg, Math.Max(enc.MinimumPrefixes(s.Arg), s.Instr.MinimumPrefixes));
        }

        return at == code.Length ? code : code[..at];
    }

    /// <summary>The byte offset of slot <paramref name="slotIndex"/>; the code size for the index past the end.</summary>
    public static int OffsetOf(IReadOnlyList<AssemblySlot> slots, int slotIndex) => slotIndex < slots.Count ? slots[slotIndex].Offset : TotalSize(slots);

    /// <summary>The code size in bytes.</summary>
    public static int TotalSize(IReadOnlyList<AssemblySlot> slots) => slots.Count == 0 ? 0 : slots[^1].Offset + slots[^1].Size;
}
