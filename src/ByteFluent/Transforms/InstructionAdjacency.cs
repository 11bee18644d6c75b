using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Transforms;

/// <summary>
/// Pairs of instructions the interpreter of a version finds by position rather than through a jump, so nothing may
/// be inserted between them (a per-version strategy; facts from CPython's interpreter loop):
/// <list type="bullet">
/// <item>3.11+: a generator resumes after <c>YIELD_VALUE</c> and reads the <c>RESUME</c> right after it to know
/// whether it is delegating (<c>gi_yieldfrom</c>, <c>throw()</c> into <c>yield from</c>/<c>await</c>).</item>
/// <item>3.11: <c>throw()</c> steps back from <c>YIELD_VALUE</c> to the <c>SEND</c> just before it; specialized
/// <c>PRECALL</c> forms skip the <c>CALL</c> that must follow them.</item>
/// <item>3.12+: an exhausted <c>FOR_ITER</c> jumps past the <c>END_FOR</c> at its target (3.13 also past the
/// <c>POP_TOP</c> after it), so nothing may come before <c>END_FOR</c> or, in 3.13, between it and that <c>POP_TOP</c>.</item>
/// <item>3.14+: <c>NOT_TAKEN</c> belongs to the branch instruction just before it.</item>
/// </list>
/// </summary>
public sealed class InstructionAdjacency
{
    private readonly HashSet<(string Previous, string Next)> glued;
    private readonly HashSet<string> neverPreceded;

    private InstructionAdjacency(IEnumerable<(string, string)> glued, IEnumerable<string> neverPreceded)
    {
        this.glued = [.. glued];
        this.neverPreceded = [.. neverPreceded];
    }

    /// <summary>The rules of <paramref name="version"/>.</summary>
    public static InstructionAdjacency For(PythonVersion version)
    {
        var glued = new List<(string, string)>();
        var never = new List<string>();
        if (version >= PythonVersion.V3_11)
        {
            glued.Add(("YIELD_VALUE", "RESUME"));
        }

        if (version == PythonVersion.V3_11)
        {
            glued.Add(("SEND", "YIELD_VALUE"));
            glued.Add(("PRECALL", "CALL"));
        }

        if (version >= PythonVersion.V3_12)
        {
            never.Add("END_FOR");
        }

        if (version == PythonVersion.V3_13)
        {
            glued.Add(("END_FOR", "POP_TOP"));
        }

        if (version >= PythonVersion.V3_14)
        {
            never.Add("NOT_TAKEN");
        }

        return new InstructionAdjacency(glued, never);
    }

    /// <summary>
    /// Whether an instruction may be inserted right before <paramref name="next"/>, whose previous real
    /// instruction in the list is <paramref name="previous"/> (null at the start).
    /// </summary>
    public bool MayInsertBefore(Instr? previous, Instr next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (neverPreceded.Contains(next.Opcode.Name))
        {
            return false;
        }

        return previous is null || !glued.Contains((previous.Opcode.Name, next.Opcode.Name));
    }
}
