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
    /// To an exception handler, with the depth kept for it (<see cref="FlowEdge.HandlerDepth"/>): 3.11+ from every block
    /// under an exception region, to the innermost region's handler; 2.7–3.10 from every block whose instructions run
    /// under a handler's block of the block stack (pushed by SETUP_EXCEPT / SETUP_FINALLY / SETUP_WITH /
    /// SETUP_ASYNC_WITH, popped by POP_BLOCK), to the innermost one's handler (one edge per handler when a POP_BLOCK
    /// inside the block changes it).
    /// </summary>
    Exception,

    /// <summary>
    /// 2.7–3.10: a SETUP_* instruction's target, which it names for the block it pushes: SETUP_LOOP's is where a
    /// <c>break</c> continues (2.7–3.7); SETUP_EXCEPT's, SETUP_FINALLY's and the with statements' is the handler (the
    /// protected blocks after it have the <see cref="Exception"/> edges).
    /// </summary>
    Setup,

    /// <summary>The code object returns (RETURN_VALUE, RETURN_CONST); the edge has no target block.</summary>
    Return,

    /// <summary>An exception leaves the block without a handler in the code (RAISE_VARARGS, RERAISE, 2.7–3.8 END_FINALLY); no target block.</summary>
    Raise,
}
