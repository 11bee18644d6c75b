namespace ByteFluent.Flow;

/// <summary>What an instruction does to the 2.7–3.10 interpreter's block stack, as the graph follows it.</summary>
internal enum BlockStackEffect : byte
{
    /// <summary>Leaves the block stack alone (3.x POP_EXCEPT pops an EXCEPT_HANDLER block, which the graph does not keep).</summary>
    None,

    /// <summary>SETUP_EXCEPT, SETUP_FINALLY, SETUP_WITH, SETUP_ASYNC_WITH: pushes a block whose handler is the target.</summary>
    PushHandler,

    /// <summary>2.7–3.7 SETUP_LOOP: pushes a loop block whose end is the target.</summary>
    PushLoop,

    /// <summary>POP_BLOCK.</summary>
    Pop,

    /// <summary>2.7–3.7 BREAK_LOOP: pops through the innermost loop block and continues at its end.</summary>
    Break,

    /// <summary>2.7–3.7 CONTINUE_LOOP: pops the blocks above the innermost loop block and jumps to its target.</summary>
    Continue,
}
