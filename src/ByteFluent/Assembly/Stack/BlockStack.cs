namespace ByteFluent.Assembly;

/// <summary>What a 2.7–3.10 block on the frame's block stack is for.</summary>
internal enum BlockKind
{
    /// <summary>SETUP_LOOP, SETUP_EXCEPT, SETUP_FINALLY, SETUP_WITH or SETUP_ASYNC_WITH; POP_BLOCK removes it.</summary>
    Setup,

    /// <summary>3.x: the EXCEPT_HANDLER block the interpreter pushes when it enters a handler; POP_EXCEPT removes it.</summary>
    ExceptHandler,
}

/// <summary>
/// An immutable block stack (2.7–3.10), shared between states like <see cref="StackShape"/>: each block keeps the
/// value-stack level it was set up at, the level the interpreter unwinds the stack to when it leaves the block.
/// </summary>
internal sealed class BlockStack
{
    private BlockStack(BlockKind kind, int level, string opcode, BlockStack? below)
    {
        Kind = kind;
        Level = level;
        Opcode = opcode;
        Below = below;
        Count = (below?.Count ?? 0) + 1;
    }

    /// <summary>The top block's kind.</summary>
    public BlockKind Kind { get; }

    /// <summary>The stack level the block was set up at (for an except handler: below the six items it gets).</summary>
    public int Level { get; }

    /// <summary>The opcode that set the block up (for messages).</summary>
    public string Opcode { get; }

    /// <summary>The blocks below.</summary>
    public BlockStack? Below { get; }

    /// <summary>The number of blocks.</summary>
    public int Count { get; }

    public static int CountOf(BlockStack? b) => b?.Count ?? 0;

    public static BlockStack Push(BlockStack? b, BlockKind kind, int level, string opcode) => new(kind, level, opcode, b);

    /// <summary>Both hold the same blocks at the same levels.</summary>
    public static bool Same(BlockStack? a, BlockStack? b)
    {
        while (!ReferenceEquals(a, b))
        {
            if (a is null || b is null || a.Kind != b.Kind || a.Level != b.Level)
            {
                return false;
            }

            a = a.Below;
            b = b.Below;
        }

        return true;
    }

    /// <summary>For messages: the blocks, bottom first.</summary>
    public static string Describe(BlockStack? b)
    {
        if (b is null)
        {
            return "no block";
        }

        var parts = new List<string>();
        for (var x = b; x is not null; x = x.Below)
        {
            parts.Add(x.Kind == BlockKind.ExceptHandler ? $"except handler at level {x.Level}" : $"{x.Opcode} at level {x.Level}");
        }

        parts.Reverse();
        return string.Join(", ", parts);
    }
}
