using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Assembly.Verification;

/// <summary>
/// The verifier <see cref="Code.ToCode(AssembleOptions)"/> runs before writing a code object (unless
/// <see cref="AssembleOptions.Verify"/> is off). It works on the laid-out model — decoded, edited and built code alike —
/// and proves, by the flow analysis of <see cref="StackFlow"/> over every path including exception edges, what the
/// interpreter takes for granted: no underflow, one depth wherever paths join, no path falling off the end, jump and
/// handler targets inside the code, region depths within the stack; and, per instruction (<see cref="OperandRules"/>):
/// operands within range, fast locals only where declared, cells and frees only on declared cells and frees (3.11+: with
/// their MAKE_CELL / COPY_FREE_VARS prologue), constants of the shape CPython requires.
/// </summary>
internal static class CodeVerifier
{
    /// <summary>Verifies <paramref name="model"/> as laid out in <paramref name="layout"/>.</summary>
    /// <exception cref="StackDepthException">A stack problem (underflow, two depths at a join, operand deeper than the stack).</exception>
    /// <exception cref="VerificationException">Any other problem.</exception>
    public static void Verify(Code model, BytecodeDialect dialect, AssemblyLayout layout) => Verify(model, dialect, layout, null);

    /// <summary>As <see cref="Verify(Code, BytecodeDialect, AssemblyLayout)"/>, the flow analysis in <paramref name="scratch"/>'s arrays.</summary>
    public static void Verify(Code model, BytecodeDialect dialect, AssemblyLayout layout, StackFlowScratch? scratch)
    {
        var flow = StackFlow.Run(layout.Flow(), dialect.Version, model.Flags, scratch);
        if (flow.Problems.Count > 0)
        {
            var p = flow.Problems[0];
            throw Fail(model, layout, flow, p.Index, p.Problem, p.Expected, p.Actual, p.Depth, IsStackProblem(p.Problem));
        }

        var rules = new OperandRules(model, dialect, layout);
        rules.CheckPrologue(flow, (i, problem, expected, actual) => Fail(model, layout, flow, i, problem, expected, actual, 0, false));
        for (var i = 0; i < layout.Slots.Count; i++)
        {
            if (!flow.Reached[i])
            {
                continue;
            }

            var depth = StackShape.DepthOf(flow.Before[i]);
            if (rules.Check(i, depth) is { } f)
            {
                throw Fail(model, layout, flow, i, f.Problem, f.Expected, f.Actual, depth, f.Stack);
            }
        }
    }

    private static bool IsStackProblem(string problem) =>
        problem.StartsWith("stack underflow", StringComparison.Ordinal) || problem.StartsWith("reached with two", StringComparison.Ordinal)
        || problem.StartsWith("exception region deeper", StringComparison.Ordinal);

    private static VerificationException Fail(Code model, AssemblyLayout layout, StackFlow flow, int index, string problem, string expected, string actual, int depth, bool stack)
    {
        var listing = VerificationListing.Render(model.CodeList, layout, flow.Before, flow.Reached, index);
        var offset = index >= 0 && index < layout.Slots.Count ? layout.Slots[index].Offset : -1;
        var text = index >= 0 && index < layout.Slots.Count ? layout.Slots[index].Instr.ToString() : "end of code";
        return stack
            ? new StackDepthException(problem, index, offset, text, depth, expected, actual, listing)
            : new VerificationException(problem, index, offset, text, expected, actual, listing);
    }
}
