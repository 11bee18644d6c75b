using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>
/// A function with a while loop, an if/else and a try/except, built with the fluent API (2.7, 3.10, 3.12+), and a
/// module that defines it and prints a few calls. The Python it stands for is <see cref="Oracle"/>.
/// </summary>
public static class LoopBranchTry
{
    /// <summary>The same program as source: what the built module must print.</summary>
    public const string Oracle = """
        def classify(n):
            total = 0
            i = 0
            while i < n:
                if i % 2 == 0:
                    total = total + i
                else:
                    total = total - 1
                i = i + 1
            try:
                r = 100 // total
            except ZeroDivisionError:
                r = -1
            return (total, r)
        print(classify(0))
        print(classify(3))
        print(classify(5))
        print(classify(8))

        """;

    /// <summary>The arguments the module calls <c>classify</c> with.</summary>
    public static readonly int[] Calls = [0, 3, 5, 8];

    /// <summary>The versions this sample targets.</summary>
    public static IReadOnlyList<PythonVersion> Versions { get; } =
        [PythonVersion.V2_7, PythonVersion.V3_10, PythonVersion.V3_12, PythonVersion.V3_13, PythonVersion.V3_14, PythonVersion.Parse("3.15")];

    /// <summary>The module for <paramref name="version"/>.</summary>
    public static PyCode Build(PythonVersion version) => version.ToString() switch
    {
        "2.7" => Module27(),
        "3.10" => Module310(),
        "3.12" => Module312(),
        "3.13" => Module313(),
        "3.14" => Module314(),
        "3.15" => Module315(),
        _ => throw new UnsupportedPythonVersionException(version),
    };

    private static PyCode Module27()
    {
        var f = Python27.Function("classify", args: ["n"])
            .LoadConst(0).StoreFast("total")
            .LoadConst(0).StoreFast("i")
            .DefineLabel(out var afterLoop).DefineLabel(out var loop).DefineLabel(out var loopEnd)
            .DefineLabel(out var orElse).DefineLabel(out var endIf)
            .SetupLoop(afterLoop)
            .MarkLabel(loop)
            .LoadFast("i").LoadFast("n").CompareOp(Python27.CompareOperator.LessThan).PopJumpIfFalse(loopEnd)
            .LoadFast("i").LoadConst(2).BinaryModulo().LoadConst(0).CompareOp(Python27.CompareOperator.Equal).PopJumpIfFalse(orElse)
            .LoadFast("total").LoadFast("i").BinaryAdd().StoreFast("total").JumpForward(endIf)
            .MarkLabel(orElse)
            .LoadFast("total").LoadConst(1).BinarySubtract().StoreFast("total")
            .MarkLabel(endIf)
            .LoadFast("i").LoadConst(1).BinaryAdd().StoreFast("i").JumpAbsolute(loop)
            .MarkLabel(loopEnd).PopBlock()
            .MarkLabel(afterLoop)
            .DefineLabel(out var handler).DefineLabel(out var reraise).DefineLabel(out var done)
            .SetupExcept(handler)
            .LoadConst(100).LoadFast("total").BinaryFloorDivide().StoreFast("r").PopBlock().JumpForward(done)
            .MarkLabel(handler)
            .DupTop().LoadGlobal("ZeroDivisionError").CompareOp(Python27.CompareOperator.ExceptionMatch).PopJumpIfFalse(reraise)
            .PopTop().PopTop().PopTop()
            .LoadConst(-1).StoreFast("r").JumpForward(done)
            .MarkLabel(reraise).EndFinally()
            .MarkLabel(done)
            .LoadFast("total").LoadFast("r").BuildTuple(2).ReturnValue();

        var m = Python27.Module().LoadConst(f).MakeFunction(0).StoreName("classify");
        foreach (var n in Calls)
        {
            m.LoadName("classify").LoadConst(n).CallFunction(1).PrintItem().PrintNewline();
        }

        return m.LoadConst(null).ReturnValue().ToCode();
    }

    private static PyCode Module310()
    {
        var f = Python310.Function("classify", args: ["n"])
            .LoadConst(0).StoreFast("total")
            .LoadConst(0).StoreFast("i")
            .DefineLabel(out var loop).DefineLabel(out var loopEnd).DefineLabel(out var orElse).DefineLabel(out var endIf)
            .MarkLabel(loop)
            .LoadFast("i").LoadFast("n").CompareOp(Python310.CompareOperator.LessThan).PopJumpIfFalse(loopEnd)
            .LoadFast("i").LoadConst(2).BinaryModulo().LoadConst(0).CompareOp(Python310.CompareOperator.Equal).PopJumpIfFalse(orElse)
            .LoadFast("total").LoadFast("i").BinaryAdd().StoreFast("total").JumpForward(endIf)
            .MarkLabel(orElse)
            .LoadFast("total").LoadConst(1).BinarySubtract().StoreFast("total")
            .MarkLabel(endIf)
            .LoadFast("i").LoadConst(1).BinaryAdd().StoreFast("i").JumpAbsolute(loop)
            .MarkLabel(loopEnd)
            .DefineLabel(out var handler).DefineLabel(out var reraise).DefineLabel(out var done)
            .SetupFinally(handler)
            .LoadConst(100).LoadFast("total").BinaryFloorDivide().StoreFast("r").PopBlock().JumpForward(done)
            .MarkLabel(handler)
            .DupTop().LoadGlobal("ZeroDivisionError").JumpIfNotExcMatch(reraise)
            .PopTop().PopTop().PopTop()
            .LoadConst(-1).StoreFast("r").PopExcept().JumpForward(done)
            .MarkLabel(reraise).Reraise(0)
            .MarkLabel(done)
            .LoadFast("total").LoadFast("r").BuildTuple(2).ReturnValue();

        var m = Python310.Module().LoadConst(f).LoadConst("classify").MakeFunction().StoreName("classify");
        foreach (var n in Calls)
        {
            m.LoadName("print").LoadName("classify").LoadConst(n).CallFunction(1).CallFunction(1).PopTop();
        }

        return m.LoadConst(null).ReturnValue().ToCode();
    }

    private static PyCode Module312()
    {
        var f = Python312.Function("classify", args: ["n"])
            .Resume(0)
            .LoadConst(0).StoreFast("total")
            .LoadConst(0).StoreFast("i")
            .DefineLabel(out var loop).DefineLabel(out var loopEnd).DefineLabel(out var orElse).DefineLabel(out var endIf)
            .MarkLabel(loop)
            .LoadFast("i").LoadFast("n").CompareOp(Python312.CompareOperator.LessThan).PopJumpIfFalse(loopEnd)
            .LoadFast("i").LoadConst(2).BinaryOp(Python312.BinaryOperator.Remainder).LoadConst(0)
            .CompareOp(Python312.CompareOperator.Equal).PopJumpIfFalse(orElse)
            .LoadFast("total").LoadFast("i").BinaryOp(Python312.BinaryOperator.Add).StoreFast("total").JumpForward(endIf)
            .MarkLabel(orElse)
            .LoadFast("total").LoadConst(1).BinaryOp(Python312.BinaryOperator.Subtract).StoreFast("total")
            .MarkLabel(endIf)
            .LoadFast("i").LoadConst(1).BinaryOp(Python312.BinaryOperator.Add).StoreFast("i").JumpBackward(loop)
            .MarkLabel(loopEnd)
            .DefineLabel(out var handler).DefineLabel(out var reraise).DefineLabel(out var cleanup).DefineLabel(out var done)
            .Try(handler, depth: 0, body => body
                .Nop().LoadConst(100).LoadFast("total").BinaryOp(Python312.BinaryOperator.FloorDivide).StoreFast("r"))
            .JumpForward(done)
            .MarkLabel(handler)
            .Try(cleanup, depth: 1, lasti: true, body: body => body
                .PushExcInfo().LoadGlobal("ZeroDivisionError").CheckExcMatch().PopJumpIfFalse(reraise)
                .PopTop().LoadConst(-1).StoreFast("r"))
            .PopExcept().JumpForward(done)
            .MarkLabel(reraise)
            .Try(cleanup, depth: 1, lasti: true, body: body => body.Reraise(0))
            .MarkLabel(cleanup).Copy(3).PopExcept().Reraise(1)
            .MarkLabel(done)
            .LoadFast("total").LoadFast("r").BuildTuple(2).ReturnValue();

        var m = Python312.Module().Resume(0).LoadConst(f).MakeFunction().StoreName("classify");
        foreach (var n in Calls)
        {
            m.PushNull().LoadName("print").PushNull().LoadName("classify").LoadConst(n).Call(1).Call(1).PopTop();
        }

        return m.ReturnConst(null).ToCode();
    }

    private static PyCode Module313()
    {
        var f = Python313.Function("classify", args: ["n"])
            .Resume(0)
            .LoadConst(0).StoreFast("total")
            .LoadConst(0).StoreFast("i")
            .DefineLabel(out var loop).DefineLabel(out var loopEnd).DefineLabel(out var orElse).DefineLabel(out var endIf)
            .MarkLabel(loop)
            .LoadFast("i").LoadFast("n").CompareOp(Python313.CompareOperator.LessThan, toBool: true).PopJumpIfFalse(loopEnd)
            .LoadFast("i").LoadConst(2).BinaryOp(Python313.BinaryOperator.Remainder).LoadConst(0)
            .CompareOp(Python313.CompareOperator.Equal, toBool: true).PopJumpIfFalse(orElse)
            .LoadFast("total").LoadFast("i").BinaryOp(Python313.BinaryOperator.Add).StoreFast("total").JumpForward(endIf)
            .MarkLabel(orElse)
            .LoadFast("total").LoadConst(1).BinaryOp(Python313.BinaryOperator.Subtract).StoreFast("total")
            .MarkLabel(endIf)
            .LoadFast("i").LoadConst(1).BinaryOp(Python313.BinaryOperator.Add).StoreFast("i").JumpBackward(loop)
            .MarkLabel(loopEnd)
            .DefineLabel(out var handler).DefineLabel(out var reraise).DefineLabel(out var cleanup).DefineLabel(out var done)
            .Try(handler, depth: 0, body => body
                .Nop().LoadConst(100).LoadFast("total").BinaryOp(Python313.BinaryOperator.FloorDivide).StoreFast("r"))
            .JumpForward(done)
            .MarkLabel(handler)
            .Try(cleanup, depth: 1, lasti: true, body: body => body
                .PushExcInfo().LoadGlobal("ZeroDivisionError").CheckExcMatch().PopJumpIfFalse(reraise)
                .PopTop().LoadConst(-1).StoreFast("r"))
            .PopExcept().JumpForward(done)
            .MarkLabel(reraise)
            .Try(cleanup, depth: 1, lasti: true, body: body => body.Reraise(0))
            .MarkLabel(cleanup).Copy(3).PopExcept().Reraise(1)
            .MarkLabel(done)
            .LoadFast("total").LoadFast("r").BuildTuple(2).ReturnValue();

        var m = Python313.Module().Resume(0).LoadConst(f).MakeFunction().StoreName("classify");
        foreach (var n in Calls)
        {
            m.LoadName("print").PushNull().LoadName("classify").PushNull().LoadConst(n).Call(1).Call(1).PopTop();
        }

        return m.ReturnConst(null).ToCode();
    }

    private static PyCode Module314()
    {
        var f = Python314.Function("classify", args: ["n"])
            .Resume(0)
            .LoadConst(0).StoreFast("total")
            .LoadConst(0).StoreFast("i")
            .DefineLabel(out var loop).DefineLabel(out var loopEnd).DefineLabel(out var orElse).DefineLabel(out var endIf)
            .MarkLabel(loop)
            .LoadFast("i").LoadFast("n").CompareOp(Python314.CompareOperator.LessThan, toBool: true).PopJumpIfFalse(loopEnd)
            .LoadFast("i").LoadConst(2).BinaryOp(Python314.BinaryOperator.Remainder).LoadConst(0)
            .CompareOp(Python314.CompareOperator.Equal, toBool: true).PopJumpIfFalse(orElse)
            .LoadFast("total").LoadFast("i").BinaryOp(Python314.BinaryOperator.Add).StoreFast("total").JumpForward(endIf)
            .MarkLabel(orElse)
            .LoadFast("total").LoadConst(1).BinaryOp(Python314.BinaryOperator.Subtract).StoreFast("total")
            .MarkLabel(endIf)
            .LoadFast("i").LoadConst(1).BinaryOp(Python314.BinaryOperator.Add).StoreFast("i").JumpBackward(loop)
            .MarkLabel(loopEnd)
            .DefineLabel(out var handler).DefineLabel(out var reraise).DefineLabel(out var cleanup).DefineLabel(out var done)
            .Try(handler, depth: 0, body => body
                .Nop().LoadConst(100).LoadFast("total").BinaryOp(Python314.BinaryOperator.FloorDivide).StoreFast("r"))
            .JumpForward(done)
            .MarkLabel(handler)
            .Try(cleanup, depth: 1, lasti: true, body: body => body
                .PushExcInfo().LoadGlobal("ZeroDivisionError").CheckExcMatch().PopJumpIfFalse(reraise)
                .PopTop().LoadConst(-1).StoreFast("r"))
            .PopExcept().JumpForward(done)
            .MarkLabel(reraise)
            .Try(cleanup, depth: 1, lasti: true, body: body => body.Reraise(0))
            .MarkLabel(cleanup).Copy(3).PopExcept().Reraise(1)
            .MarkLabel(done)
            .LoadFast("total").LoadFast("r").BuildTuple(2).ReturnValue();

        var m = Python314.Module().Resume(0).LoadConst(f).MakeFunction().StoreName("classify");
        foreach (var n in Calls)
        {
            m.LoadName("print").PushNull().LoadName("classify").PushNull().LoadConst(n).Call(1).Call(1).PopTop();
        }

        return m.LoadConst(null).ReturnValue().ToCode();
    }

    private static PyCode Module315()
    {
        var f = Python315.Function("classify", args: ["n"])
            .Resume(0)
            .LoadConst(0).StoreFast("total")
            .LoadConst(0).StoreFast("i")
            .DefineLabel(out var loop).DefineLabel(out var loopEnd).DefineLabel(out var orElse).DefineLabel(out var endIf)
            .MarkLabel(loop)
            .LoadFast("i").LoadFast("n").CompareOp(Python315.CompareOperator.LessThan, toBool: true).PopJumpIfFalse(loopEnd)
            .LoadFast("i").LoadConst(2).BinaryOp(Python315.BinaryOperator.Remainder).LoadConst(0)
            .CompareOp(Python315.CompareOperator.Equal, toBool: true).PopJumpIfFalse(orElse)
            .LoadFast("total").LoadFast("i").BinaryOp(Python315.BinaryOperator.Add).StoreFast("total").JumpForward(endIf)
            .MarkLabel(orElse)
            .LoadFast("total").LoadConst(1).BinaryOp(Python315.BinaryOperator.Subtract).StoreFast("total")
            .MarkLabel(endIf)
            .LoadFast("i").LoadConst(1).BinaryOp(Python315.BinaryOperator.Add).StoreFast("i").JumpBackward(loop)
            .MarkLabel(loopEnd)
            .DefineLabel(out var handler).DefineLabel(out var reraise).DefineLabel(out var cleanup).DefineLabel(out var done)
            .Try(handler, depth: 0, body => body
                .Nop().LoadConst(100).LoadFast("total").BinaryOp(Python315.BinaryOperator.FloorDivide).StoreFast("r"))
            .JumpForward(done)
            .MarkLabel(handler)
            .Try(cleanup, depth: 1, lasti: true, body: body => body
                .PushExcInfo().LoadGlobal("ZeroDivisionError").CheckExcMatch().PopJumpIfFalse(reraise)
                .PopTop().LoadConst(-1).StoreFast("r"))
            .PopExcept().JumpForward(done)
            .MarkLabel(reraise)
            .Try(cleanup, depth: 1, lasti: true, body: body => body.Reraise(0))
            .MarkLabel(cleanup).Copy(3).PopExcept().Reraise(1)
            .MarkLabel(done)
            .LoadFast("total").LoadFast("r").BuildTuple(2).ReturnValue();

        var m = Python315.Module().Resume(0).LoadConst(f).MakeFunction().StoreName("classify");
        foreach (var n in Calls)
        {
            m.LoadName("print").PushNull().LoadName("classify").PushNull().LoadConst(n).Call(1).Call(1).PopTop();
        }

        return m.LoadConst(null).ReturnValue().ToCode();
    }
}
