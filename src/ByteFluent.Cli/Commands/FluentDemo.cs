using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Commands;

/// <summary>
/// The second half of <c>bytefluent demo</c>: a module built from nothing with the generated fluent API for CPython
/// 3.12 (<see cref="Python312"/>): a function with a loop and a branch, and a call that prints its result.
/// </summary>
internal static class FluentDemo
{
    /// <summary>The version the module is built for.</summary>
    public static PythonVersion Version => PythonVersion.V3_12;

    /// <summary>The Python source the built module stands for (the oracle: the interpreter's output for it must match).</summary>
    public const string Source = """
        def collatz(n):
            steps = 0
            while n != 1:
                if n % 2 == 0:
                    n = n // 2
                else:
                    n = 3 * n + 1
                steps = steps + 1
            return steps
        print('collatz(27) takes', collatz(27), 'steps')
        """;

    /// <summary>The file name the built code objects carry.</summary>
    public const string Filename = "<fluent demo>";

    /// <summary>Builds the module.</summary>
    public static PyCode Build()
    {
        var collatz = Python312.Function("collatz", args: ["n"], filename: Filename)
            .Resume(0)
            .LoadConst(0).StoreFast("steps")
            .DefineLabel(out var loop).DefineLabel(out var done).DefineLabel(out var odd).DefineLabel(out var next)
            .MarkLabel(loop)
            .LoadFast("n").LoadConst(1).CompareOp(Python312.CompareOperator.NotEqual).PopJumpIfFalse(done)
            .LoadFast("n").LoadConst(2).BinaryOp(Python312.BinaryOperator.Remainder).LoadConst(0)
            .CompareOp(Python312.CompareOperator.Equal).PopJumpIfFalse(odd)
            .LoadFast("n").LoadConst(2).BinaryOp(Python312.BinaryOperator.FloorDivide).StoreFast("n").JumpForward(next)
            .MarkLabel(odd)
            .LoadConst(3).LoadFast("n").BinaryOp(Python312.BinaryOperator.Multiply).LoadConst(1)
            .BinaryOp(Python312.BinaryOperator.Add).StoreFast("n")
            .MarkLabel(next)
            .LoadFast("steps").LoadConst(1).BinaryOp(Python312.BinaryOperator.Add).StoreFast("steps").JumpBackward(loop)
            .MarkLabel(done)
            .LoadFast("steps").ReturnValue();

        return Python312.Module(Filename)
            .Resume(0)
            .LoadConst(collatz).MakeFunction().StoreName("collatz")
            .PushNull().LoadName("print")
            .LoadConst("collatz(27) takes")
            .PushNull().LoadName("collatz").LoadConst(27).Call(1)
            .LoadConst("steps")
            .Call(3).PopTop()
            .ReturnConst(null)
            .ToCode();
    }
}
