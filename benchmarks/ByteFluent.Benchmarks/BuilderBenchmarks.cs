using BenchmarkDotNet.Attributes;

namespace ByteFluent.Benchmarks;

/// <summary>
/// The typed fluent builder: a function of <see cref="Statements"/> straight-line statements and one loop, built and
/// assembled (forward and backward jumps whose offsets grow past EXTENDED_ARG, constants and locals interned).
/// </summary>
[MemoryDiagnoser]
public class BuilderBenchmarks
{
    /// <summary>How many <c>total = total + i</c> statements the loop body holds.</summary>
    [Params(10, 1000)]
    public int Statements { get; set; }

    /// <summary>Builds with <c>Python312</c> and assembles into a code object.</summary>
    [Benchmark]
    public int BuildAndAssemble312()
    {
        var f = Python312.Function("sum_to", args: ["n"])
            .Resume(0)
            .LoadConst(0).StoreFast("total")
            .LoadConst(0).StoreFast("i")
            .DefineLabel(out var loop).DefineLabel(out var end)
            .MarkLabel(loop)
            .LoadFast("i").LoadFast("n").CompareOp(Python312.CompareOperator.LessThan).PopJumpIfFalse(end);
        for (var k = 0; k < Statements; k++)
        {
            f.LoadFast("total").LoadConst(k).BinaryOp(Python312.BinaryOperator.Add).StoreFast("total");
        }

        f.LoadFast("i").LoadConst(1).BinaryOp(Python312.BinaryOperator.Add).StoreFast("i").JumpBackward(loop)
            .MarkLabel(end)
            .LoadFast("total").ReturnValue();
        return f.ToCode().Code.Length;
    }
}
