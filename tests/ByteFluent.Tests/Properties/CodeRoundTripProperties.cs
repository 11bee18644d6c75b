using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Properties;

/// <summary>
/// Property: a random well-formed instruction list (labels, forward and backward jumps, nested exception regions)
/// assembles, and disassembling the result gives back the same instructions, labels at the same places and every
/// instruction protected by the same handler (an equal <see cref="Code"/> without 3.11+ regions: an exception table
/// is flat, so nested regions read back as split ranges), which assembles to the same bytes again. Seeded; <c>BYTEFLUENT_PROPERTY_RUNS</c> for more.
/// </summary>
public sealed class CodeRoundTripProperties
{
    public static TheoryData<string> Versions() => ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"];

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_random_instruction_list_assembles_and_disassembles_to_an_equal_code(string name)
    {
        var version = PythonVersion.Parse(name);
        var tree = new ProgramTree(version);
        SeededSample.Check(ProgramTree.Block(3), program =>
        {
            var code = tree.Lower(program);
            var assembled = code.ToCode();
            var back = Code.FromCode(assembled, version);

            // The list carries real arguments and the assembler builds the tables and flags; those are taken from
            // the result, so that what is compared is the list: every entry, label places and regions.
            code.Consts = back.Consts;
            code.Names = back.Names;
            code.VarNames = back.VarNames;
            code.Flags = back.Flags;
            var shape = CodeListShape.Of(code.CodeList);
            Assert.True(shape == CodeListShape.Of(back.CodeList), $"disassembled differently:\n{CodeListShape.Of(back.CodeList)}\nwas:\n{shape}");

            // Without exception-table regions the models are equal entry for entry (with regions, a region's end and a
            // label at the same place may come back in the other order, and nested regions come back split).
            if (!code.CodeList.Any(i => i is TryBegin))
            {
                Assert.True(back.Equals(code), $"disassembled to an unequal model:\n{back.CodeList}\nwas:\n{code.CodeList}");
            }

            var again = back.ToCode();
            Assert.True(assembled.Code.AsSpan().SequenceEqual(again.Code.AsSpan()), $"assembled again to {Convert.ToHexString(again.Code.AsSpan())}, first {Convert.ToHexString(assembled.Code.AsSpan())}");
        }, SeededSample.Runs(40), seed: 20261202, print: p => tree.Lower(p).CodeList.ToString());
    }
}
