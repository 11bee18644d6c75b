namespace ByteFluent.Flow;

/// <summary>How control passes along a <see cref="FlowEdge"/>.</summary>
public enum EdgeKind
{
    /// <summary>Execution continues with the next block in order (no jump taken).</summary>
    FallThrough,

    /// <summary>An unconditional jump (JUMP_FORWARD, JUMP_BACKWARD, JUMP_ABSOLUTE, CONTINUE_LOOP, BREAK_LOOP, 3.8 CALL_FINALLY, …).</summary>
    Jump,

    /// <summary>The taken branch of a conditional jump (POP_JUMP_IF_*, JUMP_IF_*_OR_POP, FOR_ITER when exhausted, SEND when done, …).</summary>
    Conditional,

    /// <summary>
    /// To an exception handler: 3.11+ the innermost exception region of the block (with the handler's depth and
    /// lasti), 2.7–3.10 the target of a SETUP_EXCEPT / SETUP_FINALLY / SETUP_WITH / SETUP_ASYNC_WITH.
    /// </summary>
    Exception,

    /// <summary>2.7–3.7 SETUP_LOOP's target: where a <c>break</c> in the loop continues.</summary>
    Setup,

    /// <summary>The code object returns (RETURN_VALUE, RETURN_CONST); the edge has no target block.</summary>
    Return,

    /// <summary>An exception leaves the block without a handler in the code (RAISE_VARARGS, RERAISE, 2.7–3.8 END_FINALLY); no target block.</summary>
    Raise,
}
