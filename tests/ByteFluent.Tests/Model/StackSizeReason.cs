using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Model;

/// <summary>
/// Names why a rebuilt code object's stack size differs from the one CPython declared (the categories are explained,
/// each with an example, in docs/fidelity/README.md).
/// </summary>
internal static class StackSizeReason
{
    /// <summary>2.7/3.6, ours lower: the depth was taken before the peephole pass rewrote the code.</summary>
    public const string Peephole = "peephole";

    /// <summary>2.7/3.6, ours lower: a constant tuple with repeated items, which may be a folded repetition.</summary>
    public const string FoldedRepetition = "folded-repetition";

    /// <summary>3.6, ours higher: CPython's walk left a statement through dead code the peephole pass then removed.</summary>
    public const string RemovedDeadCodeWalk = "removed-dead-code-walk";

    /// <summary>3.11+, ours lower: code with <c>except*</c> (CHECK_EG_MATCH); not explained yet.</summary>
    public const string ExceptStar = "except-star";

    /// <summary>Anything else: not explained yet.</summary>
    public const string Unexplained = "unexplained";

    public static string Classify(PythonVersion version, PyCode original, PyCode rebuilt)
    {
        var lower = rebuilt.StackSize < original.StackSize;
        var ops = Code.FromCode(original, version, nested: false).CodeList.OfType<Instr>().ToList();
        if (version <= PythonVersion.V3_6)
        {
            if (!lower)
            {
                return RemovedDeadCodeWalk;
            }

            return ops.Any(i => i.Opcode.Name == "LOAD_CONST" && i.Arg is PyTuple t && IsRepetition(t)) ? FoldedRepetition : Peephole;
        }

        if (lower && ops.Any(i => i.Opcode.Name == "CHECK_EG_MATCH"))
        {
            return ExceptStar;
        }

        return Unexplained;
    }

    private static bool IsRepetition(PyTuple t)
    {
        for (var start = 0; start < t.Count - 1; start++)
        {
            var rest = t.Items.AsSpan()[start..];
            for (var p = 1; p <= rest.Length / 2; p++)
            {
                var periodic = rest.Length % p == 0;
                for (var k = p; k < rest.Length && periodic; k++)
                {
                    periodic = PyEquality.Strict(rest[k], rest[k - p]);
                }

                if (periodic)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
