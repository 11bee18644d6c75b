using ByteFluent.TestSupport;
using ByteFluent.Versions;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Model;

/// <summary>
/// THE BAR: every code object of each version's standard library, rebuilt from the model (code bytes, tables,
/// line/location table, exception table and stack size regenerated), equals the original in every field; the
/// per-field counts are printed. The only field allowed to differ is the stack size, and only for the code objects
/// listed, with the reason, in docs/fidelity/stacksize-X.Y.txt (see docs/fidelity/README.md). ToCode verifies, so this is
/// also the verifier's precision bar: every code object accepted ("verifier: N code objects accepted, 0 rejected").
/// Each model goes through its control-flow graph first (Code → ControlFlowGraph → Code, which must give back the
/// identical model), so the rebuilt code objects are the graph's. The per-instruction stack analysis of each is
/// compared with the computed stack size: its largest depth is never above, and below only for a compiler over-count
/// named by <see cref="Flow.PerInstructionDepth.Reason"/> ("per-instruction depths: …").
/// </summary>
public sealed class CodeFidelityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Versions => [.. Interpreters.SupportedVersions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void StdlibCodeObjectsRoundTripThroughTheModel(string version)
    {
        var v = PythonVersion.Parse(version);
        var m = FidelityMeasure.Run(v, Corpora.PycFiles(version), Corpora.Folder(version));
        output.WriteLine($"{version}: {m.VerifierLine}");
        output.WriteLine($"{version}: {m.PerInstructionLine}");
        output.WriteLine($"{version}: {m}");
        Assert.True(m.Rejected == 0, $"{version}: {m.VerifierLine}\n{m}");
        Assert.True(m.CodeObjects > 10000, $"only {m.CodeObjects} code objects");
        Assert.True(m.Errors == 0 && m.OtherThanStackSize == 0, $"{version}: {m}");
        Assert.True(
            !m.PerInstruction.ContainsKey("above") && !m.PerInstruction.ContainsKey("unexplained"),
            $"{version}: {m.PerInstructionLine}\n" + string.Join("\n", m.PerInstructionProblems.Take(20)));
        Assert.True(m.GraphDifferent == 0, $"{version}: {m.GraphDifferent} code objects differ after Code -> ControlFlowGraph -> Code: {m}");

        // Every code object whose stack size differs is listed with its reason, and every listed one still differs
        // that way: a fix (or a regression) shows here until the list is regenerated.
        var measured = m.StackSizeLines.Order(StringComparer.Ordinal).ToList();
        if (StackSizeList.Updating)
        {
            StackSizeList.Write(version, measured, m.Summary);
            output.WriteLine($"wrote {StackSizeList.PathFor(version)}");
            return;
        }

        var listed = StackSizeList.Read(version).Order(StringComparer.Ordinal).ToList();
        var unlisted = measured.Except(listed, StringComparer.Ordinal).ToList();
        var stale = listed.Except(measured, StringComparer.Ordinal).ToList();
        Assert.True(
            unlisted.Count == 0 && stale.Count == 0,
            $"{version}: the stack-size exceptions differ from {StackSizeList.PathFor(version)} "
            + $"({unlisted.Count} not listed, {stale.Count} listed but no longer measured so). Check them, then regenerate the list with\n  "
            + StackSizeList.RegenerateCommand + "\nnot listed:\n  " + string.Join("\n  ", unlisted.Take(20))
            + "\nlisted, not measured:\n  " + string.Join("\n  ", stale.Take(20)));
    }
}
