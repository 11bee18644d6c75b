using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// PEP 479's guard around a generator's or coroutine's body. Before 3.12 the interpreter turns a StopIteration leaving
/// the frame into RuntimeError itself; nothing is emitted.
/// </summary>
internal class GeneratorGuardLowering
{
    public static GeneratorGuardLowering Of(PythonVersion v) => v.Major == 3 && v.Minor >= 12 ? new GeneratorGuardLowering312() : new GeneratorGuardLowering();

    /// <summary>After the prologue of a code object.</summary>
    public virtual void Begin(CodeGen g)
    {
    }

    /// <summary>After the last instruction of the body.</summary>
    public virtual void End(CodeGen g)
    {
    }
}

/// <summary>
/// 3.12+: the whole body from the prologue's RESUME on is one exception region (depth 0, lasti) whose handler, last in
/// the code, is CALL_INTRINSIC_1 INTRINSIC_STOPITERATION_ERROR / RERAISE 1.
/// </summary>
internal sealed class GeneratorGuardLowering312 : GeneratorGuardLowering
{
    private const int IntrinsicStopIterationError = 3;

    public override void Begin(CodeGen g)
    {
        if ((g.Code.Flags & (Code.CoGenerator | Code.CoCoroutine | Code.CoAsyncGenerator)) == 0)
        {
            return;
        }

        var region = new ExceptionRegion(new Label(), 0, true);
        g.GeneratorRegion = region;
        var list = g.Code.CodeList;
        var at = list.Count > 0 && list[^1] is Instr { Opcode.Name: "RESUME" } ? list.Count - 1 : list.Count;
        list.Insert(at, new TryBegin(region));
    }

    public override void End(CodeGen g)
    {
        if (g.GeneratorRegion is not { } region)
        {
            return;
        }

        g.Add(new TryEnd(region));
        g.Mark(region.Handler);
        g.Op("CALL_INTRINSIC_1", IntrinsicStopIterationError);
        g.Op("RERAISE", 1);
        g.GeneratorRegion = null;
    }
}
