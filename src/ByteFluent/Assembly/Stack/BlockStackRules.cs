using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// How the interpreters of 2.7–3.10 keep their block stack, for the verifier (<see cref="StackFlow"/>). The compiler
/// keeps it static — one block stack per instruction, whatever the path — and the interpreter trusts it:
/// <list type="bullet">
/// <item>SETUP_LOOP / SETUP_EXCEPT / SETUP_FINALLY push a block at the current level; SETUP_WITH and SETUP_ASYNC_WITH at
/// the level below the item they leave on top (the exit function stays under the block). More than 20 blocks
/// (CO_MAXBLOCKS) is "Fatal Python error: XXX block stack overflow".</item>
/// <item>A setup's handler is entered with the setup's own block gone; in 3.x an except handler (2.7–3.7 SETUP_EXCEPT,
/// 3.8 SETUP_FINALLY entered by an exception, 3.9–3.10 every setup) gets an EXCEPT_HANDLER block below the six items
/// it is given. 2.7 pushes none.</item>
/// <item>POP_BLOCK removes a setup block; with none it is "Fatal Python error: XXX block stack underflow". 2.7–3.7
/// also cut the stack to the block's level (the compiler always leaves it there: anything else is rejected).</item>
/// <item>POP_EXCEPT (3.x) removes an EXCEPT_HANDLER block and the three saved exception items above its level: 3.0–3.7
/// first cut the stack to level + 3 (the verifier requires exactly that depth), 3.8–3.10 pop three items, so the depth
/// must be at least level + 3. 3.8–3.10's END_ASYNC_FOR removes the handler block of the loop's SETUP_FINALLY.</item>
/// <item>An instruction that may raise inside a block must leave the block's items alone (its depth after it at least
/// the level, for an EXCEPT_HANDLER block level + 3): unwinding cuts the stack to the level and pushes the handler's
/// items there, so a stack below it hands the handler fewer items than its code takes.</item>
/// </list>
/// </summary>
internal sealed class BlockStackRules
{
    /// <summary>CPython's CO_MAXBLOCKS.</summary>
    public const int MaxBlocks = 20;

    private BlockStackRules(PythonVersion v)
    {
        Tracks = v >= PythonVersion.V2_7 && v <= PythonVersion.V3_10;
        HandlerBlocks = v >= PythonVersion.V3_0;
        PopBlockCutsStack = v <= PythonVersion.V3_7;
        PopExceptCutsStack = v <= PythonVersion.V3_7;
        Setups = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["SETUP_LOOP"] = 0,
            ["SETUP_EXCEPT"] = 0,
            ["SETUP_FINALLY"] = 0,
            ["SETUP_WITH"] = 1,
            ["SETUP_ASYNC_WITH"] = 1,
        };
        HandlerBlockPoppers = new HashSet<string>(v >= PythonVersion.V3_8 ? ["END_ASYNC_FOR"] : [], StringComparer.Ordinal);
    }

    /// <summary>Whether the era has a block stack the verifier follows (2.7–3.10).</summary>
    public bool Tracks { get; }

    /// <summary>3.x: entering an except handler pushes an EXCEPT_HANDLER block (2.7: none).</summary>
    public bool HandlerBlocks { get; }

    /// <summary>2.7–3.7: POP_BLOCK cuts the stack to the block's level.</summary>
    public bool PopBlockCutsStack { get; }

    /// <summary>3.0–3.7: POP_EXCEPT cuts the stack to the handler's level + 3 before popping the saved exception.</summary>
    public bool PopExceptCutsStack { get; }

    /// <summary>Opcodes that push a setup block, with how many items above the block's level they leave on fall-through.</summary>
    public IReadOnlyDictionary<string, int> Setups { get; }

    /// <summary>Opcodes whose fall-through removes the EXCEPT_HANDLER block on top (3.8–3.10 END_ASYNC_FOR).</summary>
    public IReadOnlySet<string> HandlerBlockPoppers { get; }

    /// <summary>The stack items an except handler is entered with (its EXCEPT_HANDLER block's level is below them).</summary>
    public int HandlerItems => HandlerBlocks ? 6 : 3;

    /// <summary>The lowest depth code inside <paramref name="top"/> may leave after its pops.</summary>
    public int Floor(BlockStack top) => top.Kind == BlockKind.ExceptHandler ? top.Level + 3 : top.Level;

    /// <summary>The rules of a version.</summary>
    public static BlockStackRules For(PythonVersion v) => new(v);
}
