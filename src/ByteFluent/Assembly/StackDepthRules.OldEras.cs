using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>The stack-depth rules of CPython's compilers before 2.7 and of 3.0–3.5.</summary>
public sealed partial class StackDepthRules
{
    /// <summary>
    /// The compiler's recursive walk before it adjusted the depth at jump targets (2.5, 2.6, 3.0, 3.1): every target is
    /// walked at the depth after the instruction's own effect (no FOR_ITER, SETUP_* or JUMP_IF_*_OR_POP cases).
    /// </summary>
    public bool PlainWalk { get; private init; }

    /// <summary>
    /// 3.2 and 3.3: the compiler's walk keeps JUMP_IF_*_OR_POP's value on the fall-through too (its stack effect is 0 and
    /// the walk has no case for it, so every <c>and</c> / <c>or</c> / chained comparison leaves one item more on the path
    /// that does not jump); 2.7 and 3.4+ pop it there. Measured on the shared corpora: of the 3.2/3.3 code objects with
    /// these jumps, the file's stack size is the one without the pop.
    /// </summary>
    public bool OrPopKeepsValue { get; private init; }

    /// <summary>
    /// Whether a RETURN_VALUE followed by a loop's POP_BLOCK or an except handler ends the walk (2.7, 3.2–3.6: the
    /// peephole pass removed the jump the compiler had emitted after it; see <see cref="StackDepthAnalyzer"/>).
    /// </summary>
    public bool ReturnEndsBody { get; private init; } = true;

    // 2.5/2.6 (Python/compile.c of the AST compiler, stackdepth_walk and opcode_stack_effect): a plain recursive walk;
    // SETUP_EXCEPT and SETUP_FINALLY count +3 (what an exception pushes) on both paths, END_FINALLY -1, FOR_ITER +1
    // on both paths. 3.0/3.1: the same walk with their own table's effects (SETUP_* +6: the exception and the saved
    // exception state). 2.7 and 3.2+ adjust the depth at FOR_ITER and SETUP_* targets (the CPython rules below).
    // 2.5/2.6's opcode_stack_effect also counts one item too many for SLICE+0..3 (1, 0, 0, -1: the sliced object is
    // not popped) and for MAKE_CLOSURE (-oparg: the closure tuple is not popped), fixed in 2.7; the error stays on
    // the compiler's stack for the rest of the walk, so each slice or closure raises the depth of what follows by one.
    /// <summary>
    /// 3.0–3.5: MAKE_FUNCTION / MAKE_CLOSURE carry the number of annotations (with the tuple of their names) in bits
    /// 16–30 of the argument, and pop them too (compile.c: <c>-1 - NARGS(oparg) - ((oparg &gt;&gt; 16) &amp; 0xffff)</c>);
    /// the table's formula covers the low 16 bits (positional and keyword-only defaults).
    /// </summary>
    public bool AnnotationsInArgument { get; }

    /// <summary>
    /// How many items the compiler's count of an opcode's effect exceeds its real effect by, on both paths (2.5/2.6:
    /// SLICE+0..3 and MAKE_CLOSURE, one each).
    /// </summary>
    public IReadOnlyDictionary<string, int> Miscounts { get; private init; } = new Dictionary<string, int>();

    private static bool IsMakeFunction(Opcode op) => op.Name is "MAKE_FUNCTION" or "MAKE_CLOSURE";

    private static int MakeFunctionEffect(Opcode op, int arg) => op.NetStackEffect(arg & 0xFFFF, false) - ((arg >> 16) & 0x7FFF);

    private static StackDepthRules? OldCPythonRules(PythonVersion v)
    {
        if (v == PythonVersion.V2_5 || v == PythonVersion.V2_6)
        {
            return Plain(
                v,
                new Dictionary<string, (int, int)>
                {
                    ["SETUP_EXCEPT"] = (3, 3), ["SETUP_FINALLY"] = (3, 3), ["END_FINALLY"] = (-1, -1), ["FOR_ITER"] = (1, 1),
                },
                new Dictionary<string, int> { ["SLICE+0"] = 1, ["SLICE+1"] = 1, ["SLICE+2"] = 1, ["SLICE+3"] = 1, ["MAKE_CLOSURE"] = 1 });
        }

        if (v == PythonVersion.V3_0 || v == PythonVersion.V3_1)
        {
            return Plain(v, [], []);
        }

        return null;
    }

    private static StackDepthRules Plain(PythonVersion v, Dictionary<string, (int, int)> effects, Dictionary<string, int> miscounts) =>
        new(v, true, ["JUMP_ABSOLUTE", "JUMP_FORWARD"], effects, false, false, [])
        {
            Miscounts = miscounts,
            PlainWalk = true,
            ReturnEndsBody = false,
        };
}
