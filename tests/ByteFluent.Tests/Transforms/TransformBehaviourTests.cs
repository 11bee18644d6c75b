using ByteFluent.Model;
using ByteFluent.TestSupport;
using ByteFluent.Transforms;
using Xunit.Abstractions;

namespace ByteFluent.Tests.Transforms;

/// <summary>
/// Each transform, applied to sample modules compiled by the real interpreter of every version, gives modules that
/// print exactly what the originals print (line events, tracebacks, generator delegation, async-with error wording,
/// exception groups and pattern matching included), and changes the code the way it says it does.
/// </summary>
public sealed class TransformBehaviourTests(ITestOutputHelper output)
{
    public static TheoryRows Versions => Interpreters.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public void EveryTransformPrintsWhatTheOriginalPrints(string version)
    {
        var samples = TransformSamples.For(version);
        foreach (var sample in TransformSamples.SampleNames(version))
        {
            var expected = samples.OutputOf("original", sample);
            Assert.DoesNotContain("UNCAUGHT", expected, StringComparison.Ordinal);
            Assert.True(expected.Length > 60, $"{sample} printed too little:\n{expected}");
            foreach (var transform in CodeTransforms.All.Where(t => !samples.Failures.ContainsKey(t.Name)))
            {
                var actual = samples.OutputOf(transform.Name, sample);
                if (actual != expected)
                {
                    output.WriteLine($"{version} {transform.Name} {sample}: expected\n{expected}\nactual\n{actual}");
                }

                Assert.Equal(expected, actual);
            }
        }

        Assert.Empty(samples.Failures.Select(f => $"{f.Key}: {f.Value.Message}"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void IdentityRebuildsEveryCodeObjectUnchanged(string version)
    {
        var samples = TransformSamples.For(version);
        foreach (var (name, original) in samples.Originals)
        {
            Assert.Equal(original.Code, samples.Of("identity")[name].Code);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void NopsPutANopBeforeEveryInstructionExceptInsideGluedRuns(string version)
    {
        var samples = TransformSamples.For(version);
        foreach (var (name, file) in samples.Of("nops"))
        {
            var originalCount = TransformSamples.Models(samples.Originals[name]).Sum(c => c.CodeList.OfType<Instr>().Count());
            foreach (var code in TransformSamples.Models(file))
            {
                var instrs = code.CodeList.OfType<Instr>().ToList();
                var rules = InstructionAdjacency.For(code.Version);
                for (var i = 0; i < instrs.Count; i++)
                {
                    if (instrs[i].Opcode.Name == "NOP")
                    {
                        continue;
                    }

                    var hasNop = i > 0 && instrs[i - 1].Opcode.Name == "NOP";
                    var withoutNops = instrs.Where(x => x.Opcode.Name != "NOP").ToList();
                    var index = withoutNops.IndexOf(instrs[i]);
                    var startsLine = StartsLine(code.CodeList, hasNop ? instrs[i - 1] : instrs[i]);
                    Assert.True(hasNop == rules.MayInsertBefore(withoutNops, index, startsLine),
                        $"{version} {name} {code.Name.Value}: instruction {i} {instrs[i]} has{(hasNop ? "" : " no")} NOP before it\n{code.CodeList}");
                }
            }

            var total = TransformSamples.Models(file).Sum(c => c.CodeList.OfType<Instr>().Count());
            Assert.True(total > originalCount * 19 / 10, $"{name}: {total} instructions after nops, {originalCount} before");
            // Every inserted NOP takes a code unit (inline caches are not repeated, so the ratio is not 2).
            var (lengthBefore, lengthAfter) = (samples.Originals[name].Code.Code.Length, file.Code.Code.Length);
            Assert.True(lengthAfter > lengthBefore * 13 / 10, $"{name}: co_code {lengthBefore} -> {lengthAfter} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ReorderConstsPermutesTheTablesAndKeepsTheDocstringSlot(string version)
    {
        var samples = TransformSamples.For(version);
        foreach (var (name, file) in samples.Of("reorder-consts"))
        {
            var before = samples.Originals[name].Code;
            var after = file.Code;
            // The first constant stays first (a nested code object there was itself rewritten: compare its identity).
            Assert.Equal(Describe(before.Consts[0]), Describe(after.Consts[0]));
            Assert.Equal(before.Consts.Length, after.Consts.Length);
            Assert.Equal(before.Names.Reverse().Select(n => n.Value), after.Names.Select(n => n.Value));
            if (before.Consts.Length > 2 && before.Names.Length > 1)
            {
                Assert.NotEqual(before.Consts.Skip(1).Select(Describe), after.Consts.Skip(1).Select(Describe));
                Assert.NotEqual(before.Code.ToArray(), after.Code.ToArray());
            }
        }
    }

    private static string Describe(ByteFluent.Marshal.PyObject value) =>
        value is ByteFluent.Marshal.PyCode c ? $"code {c.Name.Value} line {c.FirstLineNo}" : value.ToString() ?? string.Empty;

    [Theory]
    [MemberData(nameof(Versions))]
    public void SplitBlocksAddsAJumpToTheNextBlockWhereExecutionFallsThrough(string version)
    {
        var samples = TransformSamples.For(version);
        foreach (var (name, file) in samples.Of("split-blocks"))
        {
            int Jumps(ByteFluent.Pyc.PycFile f) => TransformSamples.Models(f).Sum(c => c.CodeList.OfType<Instr>().Count(i => i.Opcode.Name == "JUMP_FORWARD"));
            var before = Jumps(samples.Originals[name]);
            var after = Jumps(file);
            output.WriteLine($"{version} {name}: JUMP_FORWARD {before} -> {after}");
            Assert.True(after > before, $"{name}: {before} JUMP_FORWARD before, {after} after");
        }
    }

    /// <summary>Whether a line marker comes between the previous instruction and <paramref name="instr"/>.</summary>
    private static bool StartsLine(CodeList list, Instr instr)
    {
        var at = 0;
        while (!ReferenceEquals(list[at], instr))
        {
            at++;
        }

        for (var k = at - 1; k >= 0 && list[k] is not Instr; k--)
        {
            if (list[k] is SetLineno)
            {
                return true;
            }
        }

        return false;
    }
}
