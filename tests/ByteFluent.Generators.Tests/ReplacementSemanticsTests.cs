using ByteFluent.TestSupport;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The replacements ReplacedOpcodeFix offers are exact: the same stack built in CPython 3.10 with the old opcode and
/// in 3.12 and 3.13 with the replacement gives the same stack afterwards, printed by the real interpreters.
/// </summary>
public sealed class ReplacementSemanticsTests
{
    // Each case: the old opcode on a 3.10 builder, its replacement on 3.12 and 3.13 builders, and the stack size after.
    private static readonly (string Name, Func<Python310.Builder, Python310.Builder> Old, Func<Python312.Builder, Python312.Builder> New312,
        Func<Python313.Builder, Python313.Builder> New313, int After)[] Cases =
    [
        ("ROT_TWO", b => b.RotTwo(), b => b.Swap(2), b => b.Swap(2), 6),
        ("ROT_THREE", b => b.RotThree(), b => b.Swap(3).Swap(2), b => b.Swap(3).Swap(2), 6),
        ("ROT_FOUR", b => b.RotFour(), b => b.Swap(4).Swap(3).Swap(2), b => b.Swap(4).Swap(3).Swap(2), 6),
        ("DUP_TOP", b => b.DupTop(), b => b.Copy(1), b => b.Copy(1), 7),
        ("DUP_TOP_TWO", b => b.DupTopTwo(), b => b.Copy(2).Copy(2), b => b.Copy(2).Copy(2), 8),
        ("BINARY_MODULO", b => b.BinaryModulo(), b => b.BinaryOp(Python312.BinaryOperator.Remainder), b => b.BinaryOp(Python313.BinaryOperator.Remainder), 5),
        ("INPLACE_TRUE_DIVIDE", b => b.InplaceTrueDivide(), b => b.BinaryOp(Python312.BinaryOperator.InplaceTrueDivide), b => b.BinaryOp(Python313.BinaryOperator.InplaceTrueDivide), 5),
        ("BINARY_LSHIFT", b => b.BinaryLshift(), b => b.BinaryOp(Python312.BinaryOperator.Lshift), b => b.BinaryOp(Python313.BinaryOperator.Lshift), 5),
    ];

    private static readonly object[] Stack = ["a", "b", "c", "d", 17, 3];

    [Fact]
    public void Old_opcodes_and_their_replacements_leave_the_same_stack()
    {
        var dir = Directory.CreateTempSubdirectory("bytefluent-replacements-");
        try
        {
            var m310 = Python310.Module();
            var m312 = Python312.Module().Resume(0);
            var m313 = Python313.Module().Resume(0);
            foreach (var (name, old, new312, new313, after) in Cases)
            {
                m310.LoadName("print").LoadConst(name);
                m312.PushNull().LoadName("print").LoadConst(name);
                m313.LoadName("print").PushNull().LoadConst(name);
                foreach (var item in Stack)
                {
                    var k = item is int i ? (Building.Constant)i : (string)item;
                    m310.LoadConst(k);
                    m312.LoadConst(k);
                    m313.LoadConst(k);
                }

                old(m310).BuildTuple(after).CallFunction(2).PopTop();
                new312(m312).BuildTuple(after).Call(2).PopTop();
                new313(m313).BuildTuple(after).Call(2).PopTop();
            }

            var outputs = new Dictionary<string, string>();
            foreach (var (version, pyc) in new[]
                     {
                         ("3.10", m310.LoadConst(null).ReturnValue().ToPyc()), ("3.12", m312.ReturnConst(null).ToPyc()), ("3.13", m313.ReturnConst(null).ToPyc()),
                     })
            {
                var path = Path.Combine(dir.FullName, $"replacements{version}.pyc");
                pyc.Save(path);
                outputs[version] = Interpreters.Get(version).RunScript(path).EnsureSuccess("replacements " + version);
            }

            Assert.Equal(Cases.Length, outputs["3.10"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            // The rotations really move items (a fix that did nothing would print the stack unchanged).
            foreach (var rot in new[] { "ROT_TWO", "ROT_THREE", "ROT_FOUR" })
            {
                Assert.DoesNotContain(rot + " ('a', 'b', 'c', 'd', 17, 3)", outputs["3.10"], StringComparison.Ordinal);
            }

            Assert.Equal(outputs["3.10"], outputs["3.12"]);
            Assert.Equal(outputs["3.10"], outputs["3.13"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
