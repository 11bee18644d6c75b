using System.Collections.Immutable;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// Constants the version's peephole pass folded after the compiler had computed the stack depth. The compiler built
/// them from their items (<c>LOAD_CONST</c> × n, then <c>BUILD_TUPLE n</c> / <c>BUILD_LIST n</c> / <c>BUILD_SET n</c>),
/// so its walk counted every item on the stack; the final code loads the folded constant at once. Constants the
/// compiler emitted itself as one <c>LOAD_CONST</c> are recognised by the instruction that consumes them.
/// </summary>
public sealed class StackDepthFoldedConstants
{
    private readonly HashSet<string> compilerMadeFor;
    private readonly bool all;
    private readonly bool defaults;
    private readonly bool unpackOperands;
    private readonly bool nested;
    private readonly bool frozenSets;

    private StackDepthFoldedConstants(string name, bool all, bool defaults, bool nested, bool frozenSets, params string[] compilerMadeFor)
        : this(name, all, defaults, false, nested, frozenSets, compilerMadeFor)
    {
    }

    private StackDepthFoldedConstants(string name, bool all, bool defaults, bool unpackOperands, bool nested, bool frozenSets, string[] compilerMadeFor)
    {
        this.unpackOperands = unpackOperands;
        Name = name;
        this.all = all;
        this.defaults = defaults;
        this.nested = nested;
        this.frozenSets = frozenSets;
        this.compilerMadeFor = [.. compilerMadeFor];
    }

    /// <summary>3.10+: constants are folded before the depth is computed.</summary>
    public static StackDepthFoldedConstants None { get; } = new("none", false, false, false, false);

    /// <summary>
    /// 2.7: a run of <c>LOAD_CONST</c> followed by <c>BUILD_TUPLE</c> (or <c>BUILD_LIST</c> before <c>in</c>) becomes one
    /// tuple; tuples inside it are not folded again. The compiler's own tuples: the <c>IMPORT_NAME</c> from-list.
    /// </summary>
    public static StackDepthFoldedConstants Peephole27 { get; } = new("2.7 peephole", true, false, false, false, "IMPORT_NAME");

    /// <summary>
    /// 3.6: tuples (also nested ones, folded inside out), lists before <c>in</c> / <c>for</c> as tuples and sets there as
    /// frozensets. The compiler's own tuples: the <c>IMPORT_NAME</c> from-list, the keyword names of
    /// <c>CALL_FUNCTION_KW</c> and the keys of <c>BUILD_CONST_KEY_MAP</c>.
    /// </summary>
    public static StackDepthFoldedConstants Peephole36 { get; } =
        new("3.6 peephole", true, true, true, true, "IMPORT_NAME", "CALL_FUNCTION_KW", "BUILD_CONST_KEY_MAP");

    /// <summary>
    /// 3.9: the AST optimizer folds constant tuples before compiling, but a function's default values are a list in
    /// the AST, built with <c>BUILD_TUPLE</c> from the (already folded) values and folded by the peephole pass afterwards.
    /// </summary>
    public static StackDepthFoldedConstants Peephole39 { get; } = new("3.9 peephole (defaults)", false, true, false, false);

    /// <summary>
    /// 3.7 and 3.8: as 3.9, and the runs of plain items between starred ones in a display or call
    /// (<c>[*a, 1, 2, *b]</c>) are built with <c>BUILD_TUPLE</c> as operands of a <c>BUILD_*_UNPACK</c>.
    /// </summary>
    public static StackDepthFoldedConstants Peephole37 { get; } = new("3.7/3.8 peephole (defaults, unpack runs)", false, true, true, false, false, []);

    /// <summary>
    /// 3.0–3.5: as 2.7, and the tuple of annotated parameter names a <c>MAKE_FUNCTION</c> / <c>MAKE_CLOSURE</c> takes
    /// (3.0–3.5 count it in bits 16–30 of the argument) is the compiler's own: it loads that tuple as one constant.
    /// </summary>
    public static StackDepthFoldedConstants Peephole30 { get; } = new("3.0-3.5 peephole", true, false, false, false, "IMPORT_NAME") { AnnotationNames = true };

    private bool AnnotationNames { get; init; }

    /// <summary>A short name for listings.</summary>
    public string Name { get; }

    /// <summary>
    /// How many items more than the one it leaves the compiler's stack held while building the constant that
    /// instruction <paramref name="index"/> loads (0 when it is not a folded constant).
    /// </summary>
    /// <param name="code">The instructions.</param>
    /// <param name="index">The instruction.</param>
    /// <param name="constants">The code object's constants in their order, if known: the pass appended what it folded
    /// after the operands it folded away, so they tell a folded repetition from a literal.</param>
    public int ExtraDepth(IReadOnlyList<FlowInstruction> code, int index, IReadOnlyList<object>? constants = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!(all || defaults || unpackOperands) || code[index].Constant is not PyObject value || value is not (PyTuple or PyFrozenSet))
        {
            return 0;
        }

        if ((defaults && IsDefaults(code, index)) || (unpackOperands && IsUnpackOperand(code, index)))
        {
            return LiteralDepth(((PyTuple)value).Items.AsSpan()) - 1;
        }

        if (!all || (index + 1 < code.Count && compilerMadeFor.Contains(code[index + 1].Opcode.Name))
            || (AnnotationNames && IsAnnotationNames(code, index)))
        {
            return 0;
        }

        return BuildDepth(value, top: true, constants) - 1;
    }

    // Whether the tuple loaded at `index` is the bottom operand of a MAKE_FUNCTION that takes defaults (flag 0x01): the
    // operands above it (keyword defaults, annotations, closure, code, qualified name) are pushed by straight-line code.
    private static bool IsDefaults(IReadOnlyList<FlowInstruction> code, int index) =>
        Consumer(code, index) is var (op, arg, above) && op == "MAKE_FUNCTION"
        && (arg & 0x01) != 0 && above == 1 + System.Numerics.BitOperations.PopCount((uint)(arg & 0x0F));

    // Whether the tuple loaded at `index` is the names of a 3.0–3.5 function's annotations: strings, consumed in
    // straight-line code by the next MAKE_FUNCTION / MAKE_CLOSURE, whose annotation count is the names and the tuple.
    private static bool IsAnnotationNames(IReadOnlyList<FlowInstruction> code, int index)
    {
        if (code[index].Constant is not PyTuple names || names.Items.Any(n => n is not PyString))
        {
            return false;
        }

        for (var j = index + 1; j < code.Count && j <= index + 8 && code[j].JumpTarget < 0; j++)
        {
            if (code[j].Opcode.Name is "MAKE_FUNCTION" or "MAKE_CLOSURE")
            {
                return ((code[j].Arg >> 16) & 0x7FFF) == names.Items.Length + 1;
            }
        }

        return false;
    }

    // Whether the tuple loaded at `index` is one of the operands of a BUILD_LIST_UNPACK, BUILD_TUPLE_UNPACK, … .
    private static bool IsUnpackOperand(IReadOnlyList<FlowInstruction> code, int index) =>
        Consumer(code, index) is var (op, arg, above) && op.StartsWith("BUILD_", StringComparison.Ordinal)
        && op.Contains("_UNPACK", StringComparison.Ordinal) && above < arg;

    // The first MAKE_FUNCTION or BUILD_*_UNPACK after `index`, with how many values lie above the tuple loaded there;
    // only straight-line code is followed, and only while the tuple stays on the stack.
    private static (string Op, int Arg, int Above)? Consumer(IReadOnlyList<FlowInstruction> code, int index)
    {
        if (code[index].Constant is not PyTuple)
        {
            return null;
        }

        var above = 0;
        for (var j = index + 1; j < code.Count && j <= index + 64 && code[j].JumpTarget < 0; j++)
        {
            var op = code[j].Opcode;
            if (op.Name == "MAKE_FUNCTION" || (op.Name.StartsWith("BUILD_", StringComparison.Ordinal) && op.Name.Contains("_UNPACK", StringComparison.Ordinal)))
            {
                return (op.Name, code[j].Arg, above);
            }

            try
            {
                above += op.NetStackEffect(op.HasArg ? code[j].Arg : null, false);
            }
            catch (StackEffectUnavailableException)
            {
                return null;
            }

            if (above < 0)
            {
                return null;
            }
        }

        return null;
    }

    private int BuildDepth(PyObject value, bool top, IReadOnlyList<object>? constants = null)
    {
        var items = value switch
        {
            PyTuple t when top || nested => t.Items,
            PyFrozenSet s when frozenSets && (top || nested) => s.Items,
            _ => default(ImmutableArray<PyObject>?),
        };
        if (items is not { } list)
        {
            return 1;
        }

        var depth = LiteralDepth(list.AsSpan());
        if (value is PyTuple && top)
        {
            // The pass also folds binary operations, so a tuple may be a folded repetition or concatenation, such as
            // (0,) * 8 or (1, 2) + (-1,) * 10: the compiler held two operands, not every item. The operands it folded
            // away stay in the constants, before the result; without the constants the smaller depth is taken.
            var at = constants is null ? -1 : IndexOf(constants, value);
            for (var k = 0; k < list.Length - 1; k++)
            {
                var rest = list.AsSpan()[k..];
                if (Period(rest) is not { } p)
                {
                    continue;
                }

                var times = rest.Length / p;
                if (constants is not null
                    && !(Before(constants, at, new PyTuple(rest[..p].ToArray())) && Before(constants, at, c => c is PyInt n && n.Value == times)
                        && (k == 0 || Before(constants, at, new PyTuple(list.AsSpan()[..k].ToArray())))))
                {
                    continue;
                }

                var repeated = Math.Max(LiteralDepth(rest[..p]), 2);
                depth = Math.Min(depth, k == 0 ? repeated : Math.Max(LiteralDepth(list.AsSpan()[..k]), 1 + repeated));
            }
        }

        return depth;
    }

    private static int IndexOf(IReadOnlyList<object> constants, PyObject value)
    {
        for (var k = 0; k < constants.Count; k++)
        {
            if (constants[k] is PyObject c && PyEquality.Strict(c, value))
            {
                return k;
            }
        }

        return -1;
    }

    private static bool Before(IReadOnlyList<object> constants, int end, PyObject value) =>
        Before(constants, end, c => PyEquality.Strict(c, value));

    private static bool Before(IReadOnlyList<object> constants, int end, Func<PyObject, bool> match)
    {
        for (var k = 0; k < end; k++)
        {
            if (constants[k] is PyObject c && match(c))
            {
                return true;
            }
        }

        return false;
    }

    // Item k is pushed on top of the k items before it.
    private int LiteralDepth(ReadOnlySpan<PyObject> list)
    {
        var depth = 1;
        for (var k = 0; k < list.Length; k++)
        {
            depth = Math.Max(depth, k + BuildDepth(list[k], top: false));
        }

        return depth;
    }

    // The shortest period p of the items that repeats at least twice, if any.
    private static int? Period(ReadOnlySpan<PyObject> list)
    {
        for (var p = 1; p <= list.Length / 2; p++)
        {
            if (list.Length % p != 0)
            {
                continue;
            }

            var periodic = true;
            for (var k = p; k < list.Length && periodic; k++)
            {
                periodic = PyEquality.Strict(list[k], list[k - p]);
            }

            if (periodic)
            {
                return p;
            }
        }

        return null;
    }
}
