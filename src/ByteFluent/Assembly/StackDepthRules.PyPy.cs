using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>PyPy's own stack-depth rules (its astcompiler is not CPython's compiler).</summary>
public sealed partial class StackDepthRules
{
    /// <summary>
    /// PyPy 3.9: one pass over the blocks in the order they are laid out. A block starts at the largest depth a block
    /// before it jumped or fell into it with; a jump backwards only counts its own depth (the target was already
    /// walked); a block nothing before it reaches is not counted.
    /// </summary>
    public bool LayoutOrder { get; private init; }

    /// <summary>
    /// PyPy 3.9: a jump's depth is the depth after the instruction's own effect plus what the jump adds (its table
    /// records that extra as the jump effect, as PyPy's <c>dis.stack_effect(op, arg, jump=True)</c> reports it).
    /// </summary>
    public bool JumpAddsToEffect { get; private init; }

    // PyPy 3.9's astcompiler (pypy/interpreter/astcompiler/assemble.py, _stacksize / _do_stack_depth_walk): blocks in
    // layout order, the jump target at depth + _opcode_stack_effect_jump(op) (FOR_ITER -2, SETUP_FINALLY +2,
    // SETUP_EXCEPT +4, SETUP_WITH and SETUP_ASYNC_WITH +1, others 0), JUMP_IF_*_OR_POP 0 when jumping and -1 when
    // falling through; a block ends at JUMP_ABSOLUTE, JUMP_FORWARD, RETURN_VALUE, RAISE_VARARGS and RERAISE.
    private static StackDepthRules? PyPyRules(PythonVersion v) => v == PythonVersion.PyPy3_9
        ? new StackDepthRules(
            v,
            false,
            ["JUMP_ABSOLUTE", "JUMP_FORWARD", "RETURN_VALUE", "RAISE_VARARGS", "RERAISE"],
            new Dictionary<string, (int, int)> { ["JUMP_IF_TRUE_OR_POP"] = (-1, 0), ["JUMP_IF_FALSE_OR_POP"] = (-1, 0) },
            false,
            false,
            [])
        {
            LayoutOrder = true,
            JumpAddsToEffect = true,
        }
        : null;
}
