namespace ByteFluent.Assembly;

/// <summary>What the stack analysis knows about one stack item (where the era defines a kind; otherwise <see cref="Value"/>).</summary>
public enum StackItemKind
{
    /// <summary>An ordinary object.</summary>
    Value,

    /// <summary>A NULL (3.11+ <c>PUSH_NULL</c>, LOAD_GLOBAL/LOAD_ATTR's NULL bit, 3.8's BEGIN_FINALLY).</summary>
    Null,

    /// <summary>None pushed by LOAD_CONST (2.7–3.7: the "no exception" status a finally block starts with).</summary>
    NoneConstant,

    /// <summary>An iterator (GET_ITER, GET_YIELD_FROM_ITER, GET_AITER; kept under FOR_ITER).</summary>
    Iterator,

    /// <summary>The exception (3.11+: pushed at a handler; before: the exception type on top of the three or six items a handler gets).</summary>
    Exception,

    /// <summary>
    /// 2.7–3.7: the status a finally block or with-cleanup starts with — None, a why code with its return value, or an
    /// exception — which only END_FINALLY and the WITH_CLEANUP opcodes may consume.
    /// </summary>
    FinallyStatus,

    /// <summary>A return address: 3.8's CALL_FINALLY, or the offset of the raising instruction (3.11+ handlers with lasti).</summary>
    ReturnAddress,

    /// <summary>3.x: one of the three items saving the exception being handled before, under a handler's exception (POP_EXCEPT restores them).</summary>
    SavedException,

    /// <summary>A generator's code object (LOAD_CONST) or the function MAKE_FUNCTION makes of it: calling it returns an iterator (3.14+ inline <c>all(x for x in y)</c> and the like into a FOR_ITER over the call).</summary>
    GeneratorFunction,

    /// <summary>A value loaded from a fast local (a comprehension's <c>.0</c> iterator argument is one).</summary>
    Local,
}
