using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// CPython 3.11+'s SWAP clean-up (flow-graph pass): a run of SWAPs is replaced by the fewest SWAPs with the same
/// permutation, then a SWAP followed by STORE_FAST / POP_TOP instructions on one line is removed by permuting those
/// instructions instead (unless two of them store the same local). Tables without SWAP (before 3.11) are left alone.
/// </summary>
internal static class StaticSwaps
{
    public static void Run(Code code)
    {
        if (!code.Table.TryGetOpcode("SWAP", out var swap))
        {
            return;
        }

        var items = new List<CodeItem?>(code.CodeList);
        var changed = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not Instr { Opcode.Name: "SWAP" })
            {
                continue;
            }

            changed = true;
            var last = Swaptimize(items, i, swap);
            ApplyStaticSwaps(items, last);
            i = last;
        }

        if (changed)
        {
            code.CodeList.Clear();
            code.CodeList.AddRange(items.Where(x => x is not null)!);
        }
    }

    private static bool IsSwappable(CodeItem? item) => item is Instr { Opcode.Name: "STORE_FAST" or "STORE_FAST_MAYBE_NULL" or "POP_TOP" };

    private static string? StoresTo(CodeItem? item) => item is Instr { Opcode.Name: "STORE_FAST" or "STORE_FAST_MAYBE_NULL", Arg: string n } ? n : null;

    /// <summary>Rewrites the SWAP run starting at <paramref name="start"/>; returns the index of its last item.</summary>
    private static int Swaptimize(List<CodeItem?> items, int start, Opcode swap)
    {
        var end = start;
        var depth = 0;
        var count = 0;
        while (end < items.Count && (items[end] is null || items[end] is Instr { Opcode.Name: "SWAP" }))
        {
            if (items[end] is Instr s)
            {
                depth = Math.Max(depth, (int)s.Arg!);
                count++;
            }

            end++;
        }

        end--;
        if (count == 1 && (int)((Instr)items[start]!).Arg! != 1)
        {
            return end;
        }

        // Run the swaps on a model stack of positions, then rebuild the permutation cycle by cycle through the top.
        var stack = new int[depth];
        for (var k = 0; k < depth; k++)
        {
            stack[k] = k;
        }

        for (var k = start; k <= end; k++)
        {
            if (items[k] is Instr s)
            {
                var arg = (int)s.Arg!;
                (stack[0], stack[arg - 1]) = (stack[arg - 1], stack[0]);
            }
        }

        const int Visited = -1;
        var slots = new List<int>();
        for (var k = start; k <= end; k++)
        {
            if (items[k] is not null)
            {
                slots.Add(k);
                items[k] = null;
            }
        }

        var current = slots.Count - 1;
        for (var i = 0; i < depth; i++)
        {
            if (stack[i] == Visited || stack[i] == i)
            {
                continue;
            }

            var j = i;
            while (true)
            {
                if (j != 0)
                {
                    items[slots[current--]] = new Instr(swap, j + 1);
                }

                if (stack[j] == Visited)
                {
                    break;
                }

                var next = stack[j];
                stack[j] = Visited;
                j = next;
            }
        }

        return end;
    }

    private static void ApplyStaticSwaps(List<CodeItem?> items, int i)
    {
        for (; i >= 0; i--)
        {
            var item = items[i];
            if (item is null || item is SetLineno)
            {
                continue;
            }

            if (item is not Instr { Opcode.Name: "SWAP" } swap)
            {
                if (IsSwappable(item))
                {
                    continue;
                }

                return;
            }

            var j = NextSwappable(items, i, null, out var line);
            if (j < 0)
            {
                return;
            }

            var k = j;
            for (var n = (int)swap.Arg! - 1; n > 0; n--)
            {
                k = NextSwappable(items, k, line, out _);
                if (k < 0)
                {
                    return;
                }
            }

            var storeJ = StoresTo(items[j]);
            var storeK = StoresTo(items[k]);
            if (storeJ is not null || storeK is not null)
            {
                if (storeJ == storeK)
                {
                    return;
                }

                for (var idx = j + 1; idx < k; idx++)
                {
                    var s = StoresTo(items[idx]);
                    if (s is not null && (s == storeJ || s == storeK))
                    {
                        return;
                    }
                }
            }

            items[i] = null;
            (items[j], items[k]) = (items[k], items[j]);
        }
    }

    /// <summary>The next STORE_FAST / POP_TOP after <paramref name="i"/> in the block (on <paramref name="line"/> when given), or -1.</summary>
    private static int NextSwappable(List<CodeItem?> items, int i, int? line, out int? foundLine)
    {
        foundLine = line;
        var lineChanged = false;
        while (++i < items.Count)
        {
            switch (items[i])
            {
                case null:
                    continue;
                case SetLineno s:
                    if (line is not null && s.Line != line)
                    {
                        lineChanged = true;
                    }

                    foundLine = s.Line;
                    continue;
                case var x when IsSwappable(x):
                    if (lineChanged)
                    {
                        return -1;
                    }

                    foundLine ??= LineAt(items, i);
                    return i;
                default:
                    return -1;
            }
        }

        return -1;
    }

    private static int? LineAt(List<CodeItem?> items, int i)
    {
        for (; i >= 0; i--)
        {
            if (items[i] is SetLineno s)
            {
                return s.Line;
            }
        }

        return null;
    }
}
