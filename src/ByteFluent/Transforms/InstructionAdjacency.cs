using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Transforms;

/// <summary>
/// Runs of instructions the interpreter of a version finds by position rather than through a jump, so nothing may
/// be inserted inside them (a per-version strategy; the facts come from CPython's interpreter loop):
/// <list type="bullet">
/// <item>3.6–3.10: <c>GET_AWAITABLE</c> words its error from the instruction(s) just before it
/// (<c>BEFORE_ASYNC_WITH</c> → "from __aenter__"; 3.6–3.8 <c>WITH_CLEANUP_START</c>, 3.9–3.10
/// <c>WITH_EXCEPT_START</c> or <c>DUP_TOP, CALL_FUNCTION</c> → "from __aexit__").</item>
/// <item>3.11+: a generator resumes after <c>YIELD_VALUE</c> and reads the <c>RESUME</c> right after it to know
/// whether it is delegating (<c>gi_yieldfrom</c>, <c>throw()</c> into <c>yield from</c>/<c>await</c>).</item>
/// <item>3.11: <c>throw()</c> steps back from <c>YIELD_VALUE</c> to the <c>SEND</c> just before it; specialized
/// <c>PRECALL</c> forms skip the <c>CALL</c> that must follow them.</item>
/// <item>3.12+: an exhausted <c>FOR_ITER</c> jumps past the <c>END_FOR</c> at its target (3.13 also past the
/// <c>POP_TOP</c> after it), so nothing may come before <c>END_FOR</c> or, in 3.13, between it and that <c>POP_TOP</c>.</item>
/// <item>3.14+: <c>NOT_TAKEN</c> belongs to the branch instruction just before it.</item>
/// <item>3.13+: a loop's <c>FOR_ITER</c> stays the target of its backward jump. Tracing marks jump targets as line
/// starts, which keeps <c>FOR_ITER</c> from specializing; moved off the target it becomes <c>FOR_ITER_GEN</c>, whose
/// exhausted generator reports a StopIteration <c>exception</c> event the original never does (3.13's
/// test_sys_settrace checks exactly that).</item>
/// <item>2.7–3.8: setting <c>frame.f_lineno</c> refuses to jump to a line whose first instruction is <c>DUP_TOP</c> or
/// <c>POP_TOP</c> (how it recognises an <c>except</c> clause, which needs an exception on the stack), so nothing may
/// come before those where they start a line: a debugger's jump would land in the handler and crash the interpreter.</item>
/// </list>
/// </summary>
public sealed class InstructionAdjacency
{
    private readonly List<string[]> glued;
    private readonly HashSet<string> neverPreceded;
    private readonly HashSet<string> firstOnLine;

    private InstructionAdjacency(List<string[]> glued, IEnumerable<string> neverPreceded, IEnumerable<string> firstOnLine)
    {
        this.glued = glued;
        this.neverPreceded = [.. neverPreceded];
        this.firstOnLine = [.. firstOnLine];
    }

    /// <summary>The rules of <paramref name="version"/>.</summary>
    public static InstructionAdjacency For(PythonVersion version)
    {
        var glued = new List<string[]>();
        var never = new List<string>();
        var first = new List<string>();
        if (version <= PythonVersion.V3_8)
        {
            first.AddRange(["DUP_TOP", "POP_TOP"]);
        }

        if (version >= PythonVersion.V3_6 && version <= PythonVersion.V3_10)
        {
            glued.Add(["BEFORE_ASYNC_WITH", "GET_AWAITABLE"]);
        }

        if (version >= PythonVersion.V3_6 && version <= PythonVersion.V3_8)
        {
            glued.Add(["WITH_CLEANUP_START", "GET_AWAITABLE"]);
        }

        if (version >= PythonVersion.V3_9 && version <= PythonVersion.V3_10)
        {
            glued.Add(["WITH_EXCEPT_START", "GET_AWAITABLE"]);
            glued.Add(["DUP_TOP", "CALL_FUNCTION", "GET_AWAITABLE"]);
        }

        if (version >= PythonVersion.V3_11)
        {
            glued.Add(["YIELD_VALUE", "RESUME"]);
        }

        if (version.Language == PythonVersion.V3_11)
        {
            glued.Add(["SEND", "YIELD_VALUE"]);
            glued.Add(["PRECALL", "CALL"]);
        }

        if (version >= PythonVersion.V3_12)
        {
            never.Add("END_FOR");
        }

        if (version.Language == PythonVersion.V3_13)
        {
            glued.Add(["END_FOR", "POP_TOP"]);
        }

        if (version >= PythonVersion.V3_14)
        {
            never.Add("NOT_TAKEN");
        }

        if (version >= PythonVersion.V3_13)
        {
            never.Add("FOR_ITER");
        }

        return new InstructionAdjacency(glued, never, first);
    }

    /// <summary>
    /// Whether an instruction may be inserted right before <c>instructions[index]</c> (the real instructions of a
    /// code list, in order; <paramref name="index"/> may equal the count, meaning at the end), after the line marker
    /// when <paramref name="startsLine"/> says that instruction is the first of its line.
    /// </summary>
    public bool MayInsertBefore(IReadOnlyList<Instr> instructions, int index, bool startsLine = false)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        if (index < instructions.Count
            && (neverPreceded.Contains(instructions[index].Opcode.Name) || (startsLine && firstOnLine.Contains(instructions[index].Opcode.Name))))
        {
            return false;
        }

        foreach (var run in glued)
        {
            // Inside the run: it starts k instructions before index, for k in 1 .. run length - 1.
            for (var k = 1; k < run.Length; k++)
            {
                var start = index - k;
                if (start >= 0 && start + run.Length <= instructions.Count && Matches(instructions, start, run))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Matches(IReadOnlyList<Instr> instructions, int start, string[] run)
    {
        for (var j = 0; j < run.Length; j++)
        {
            if (instructions[start + j].Opcode.Name != run[j])
            {
                return false;
            }
        }

        return true;
    }
}
