namespace ByteFluent.Flow;

/// <summary>What an instruction does to control flow, as a <see cref="FlowStrategy"/> classifies it.</summary>
public enum InstructionFlow : byte
{
    /// <summary>Continues with the next instruction.</summary>
    Next,

    /// <summary>Jumps to its target or continues with the next instruction.</summary>
    Conditional,

    /// <summary>Always jumps to its target.</summary>
    Jump,

    /// <summary>Continues; its target is an exception handler (2.7–3.10 SETUP_EXCEPT, SETUP_FINALLY, SETUP_WITH, SETUP_ASYNC_WITH).</summary>
    SetupHandler,

    /// <summary>Continues; its target is where a <c>break</c> goes (2.7–3.7 SETUP_LOOP).</summary>
    SetupLoop,

    /// <summary>Jumps to its target, which comes back to the next instruction (3.8 CALL_FINALLY).</summary>
    Call,

    /// <summary>Leaves the code object with a value.</summary>
    Return,

    /// <summary>Raises: control goes to the handler or leaves the code object.</summary>
    Raise,

    /// <summary>Continues, or re-raises what a finally block was entered with (2.7–3.8 END_FINALLY).</summary>
    NextOrRaise,

    /// <summary>Jumps to the end of the innermost loop (2.7–3.7 BREAK_LOOP, whose target is SETUP_LOOP's).</summary>
    BreakLoop,

    /// <summary>Has a jump argument that is not control flow (3.14+ END_ASYNC_FOR: the argument is for monitoring); continues.</summary>
    NextWithReference,
}
