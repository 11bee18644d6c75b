using ByteFluent.Versions;

namespace ByteFluent.Generators.Tests;

/// <summary>
/// The run-time types the generated classes are built on: <see cref="StackFormula"/> algebra, <see cref="Opcode"/>
/// identity and <c>getse</c> rules, and the specific exceptions of bad look-ups. (Their agreement with the interpreters is
/// GeneratedTablesMatchInterpreterTests in ByteFluent.Tests.)
/// </summary>
public sealed class RuntimeTypesTests
{
    private static readonly StackFormula[] Formulas =
    [
        new(1),
        new(1, -1),
        new(0, 0, 1, 2),
        new(-1, 0, 0, 0, 15, [0, -1, -1, -2, -1, -2, -2, -3, -1, -2, -2, -3, -2, -3, -3, -4]),
        new(3, 0, 0, 0, 1, [0, 1]),
        new StackFormula(-1).WithCase(3, -2),
        new StackFormula(2, 0, 0, 0, 4, [0, 0, 0, 0, 1]).WithCase(3, 3).WithCase(0, 7),
    ];

    public static IEnumerable<object[]> FormulaPairs()
        => from a in Enumerable.Range(0, Formulas.Length) from b in Enumerable.Range(0, Formulas.Length) select new object[] { a, b };

    [Theory]
    [MemberData(nameof(FormulaPairs))]
    public void Sum_of_formulas_evaluates_to_the_sum_of_values(int a, int b)
    {
        var sum = Formulas[a] + Formulas[b];
        foreach (var oparg in Enumerable.Range(0, 2048).Concat([65535, 65536 + 3, 1 << 24]))
        {
            Assert.Equal(Formulas[a].Evaluate(oparg) + Formulas[b].Evaluate(oparg), sum.Evaluate(oparg));
        }
    }

    [Fact]
    public void Formula_terms_cases_and_text()
    {
        var f = new StackFormula(-1, 0, 0, 0, 15, [0, -1, -1, -2, -1, -2, -2, -3, -1, -2, -2, -3, -2, -3, -3, -4]);
        Assert.Equal(-1, f.Evaluate(0));
        Assert.Equal(-5, f.Evaluate(15));
        Assert.Equal(-2, f.Evaluate(16 + 1));
        Assert.Equal("-1 + [0, -1, -1, -2, -1, -2, -2, -3, -1, -2, -2, -3, -2, -3, -3, -4][oparg & 15]", f.ToString());
        Assert.Equal("1 - oparg", new StackFormula(1, -1).ToString());
        Assert.Equal("(oparg & 0xFF) + 2*(oparg >> 8)", new StackFormula(0, 0, 1, 2).ToString());
        Assert.Equal(1 + (2 * 3), new StackFormula(0, 0, 1, 2).Evaluate((3 << 8) | 1));
        var slice = new StackFormula(-1).WithCase(3, -2);
        Assert.Equal(-1, slice.Evaluate(2));
        Assert.Equal(-2, slice.Evaluate(3));
        Assert.Equal("-1 (-2 if oparg == 3)", slice.ToString());
        Assert.True(slice.DependsOnOparg);
        Assert.False(new StackFormula(4, 0, 0, 0, 1, [2, 2]).DependsOnOparg);
        Assert.Equal(new StackFormula(6), new StackFormula(4, 0, 0, 0, 1, [2, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Evaluate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StackFormula(0, 0, 0, 0, 2, [0, 1]));
    }

    [Fact]
    public void Opcode_is_its_table_and_number_and_prints_its_name()
    {
        Assert.Equal("SWAP", Python312.SWAP.ToString());
        Assert.Equal(Python312.SWAP, Python312.Table["SWAP"]);
        Assert.Equal(Python312.SWAP, Python312.FromNumber(Python312.SWAP.Number));
        Assert.NotEqual(Python311.SWAP, Python312.SWAP); // same name and number, different tables
        Assert.Equal(Python311.SWAP.Number, Python312.SWAP.Number);
        Assert.Equal(Python312.SWAP.Number, (int)Python312.SWAP);
        Assert.Same(Python27.Table, Python27.ROT_TWO.Table);
        Assert.Equal("SLICE+0", Python27.SLICE_0.Name);
        Assert.True(Python312.Table.HasArg.Contains(Python312.SWAP));
        Assert.False(Python311.Table.HasArg.Contains(Python312.SWAP));
        Assert.Equal(Python312.BINARY_OP, Python312.Specialized.BINARY_OP_ADD_INT.Deopt);
        Assert.Contains(Python312.JUMP_FORWARD, Python312.Pseudo.JUMP.PseudoTargets);
    }

    [Fact]
    public void Default_opcode_is_invalid()
    {
        var op = default(Opcode);
        Assert.False(op.IsValid);
        Assert.Equal("(default Opcode)", op.ToString());
        Assert.Throws<UninitializedOpcodeException>(() => op.Name);
        Assert.Throws<UninitializedOpcodeException>(() => op.Number);
        Assert.Throws<UninitializedOpcodeException>(() => op.StackEffect(0));
        Assert.NotEqual(op, Python312.CACHE);
        Assert.False(Python312.HasConst.Contains(op));
    }

    [Fact]
    public void Getse_needs_the_argument_only_when_the_effect_depends_on_it()
    {
        Assert.Equal(new OpcodeStackEffect(0, 1), Python312.LOAD_CONST.StackEffect());
        Assert.Equal(new OpcodeStackEffect(3, 1), Python312.BUILD_TUPLE.StackEffect(3));
        Assert.Equal(-2, Python312.BUILD_TUPLE.StackEffect(3).Net);
        var (pop, push) = Python27.ROT_TWO.StackEffect();
        Assert.Equal((2, 2), (pop, push));
        var missing = Assert.Throws<StackEffectUnavailableException>(() => Python312.BUILD_TUPLE.StackEffect());
        Assert.Equal(Python312.BUILD_TUPLE, missing.Opcode);
        Assert.Throws<StackEffectUnavailableException>(() => Python312.Specialized.BINARY_OP_ADD_INT.StackEffect(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Python312.BUILD_TUPLE.StackEffect(-1));
    }

    [Fact]
    public void Jump_null_takes_the_larger_effect()
    {
        var setup = Python313.Pseudo.SETUP_FINALLY;
        var taken = setup.NetStackEffect(0, jump: true);
        var notTaken = setup.NetStackEffect(0, jump: false);
        Assert.NotEqual(taken, notTaken);
        Assert.Equal(Math.Max(taken, notTaken), setup.NetStackEffect(0));
        Assert.Throws<StackEffectUnavailableException>(() => setup.StackEffect(0)); // pseudo opcodes have no pop counts

        var forIter = Python38.FOR_ITER;
        Assert.Equal(forIter.StackEffect(jump: false).Pop, forIter.StackEffect(jump: true).Pop);
        Assert.NotEqual(forIter.StackEffect(jump: false).Push, forIter.StackEffect(jump: true).Push);
        Assert.Equal(Math.Max(forIter.NetStackEffect(jump: true), forIter.NetStackEffect(jump: false)), forIter.StackEffect().Net);
    }

    [Fact]
    public void Bad_lookups_throw_specific_exceptions()
    {
        var name = Assert.Throws<UnknownOpcodeException>(() => Python312.Table["ROT_TWO"]);
        Assert.Equal("ROT_TWO", name.OpcodeName);
        Assert.Same(Python312.Table, name.Table);
        Assert.Contains("Python312", name.Message, StringComparison.Ordinal);
        Assert.Equal(255, Assert.Throws<UnknownOpcodeException>(() => Python312.FromNumber(255)).OpcodeNumber);
        Assert.Throws<UnknownOpcodeException>(() => Python312.FromNumber(-1));
        Assert.False(Python311.Table.TryGetOpcode("ROT_TWO", out _));
        Assert.Equal("hasexc", Assert.Throws<UnknownOpcodeSetException>(() => Python27.Table.GetSet("hasexc")).SetName);
        Assert.False(Python27.Table.HasExc.DefinedByVersion);
        Assert.Empty(Python27.Table.HasExc);
        Assert.False(Python312.HasJump.DefinedByVersion);
        Assert.True(Python313.HasJump.DefinedByVersion);
        Assert.Equal(new PythonVersion(4, 0), Assert.Throws<UnsupportedPythonVersionException>(() => OpcodeTables.ForVersion(new PythonVersion(4, 0))).Version);
        Assert.Throws<KeyNotFoundException>(() => Python27.Table.GetCoFlag("CO_COROUTINE"));
    }

    [Fact]
    public void Inconsistent_definition_is_rejected()
    {
        OpcodeTableDefinition Define(params OpcodeDefinition[] ops) => new()
        {
            ClassName = "Custom",
            Version = new PythonVersion(3, 12),
            Magic = 1,
            MagicBytes = [1, 0, 13, 10],
            HaveArgument = 90,
            ExtendedArg = 144,
            Wordcode = true,
            Opcodes = ops,
        };
        var nop = new OpcodeDefinition("NOP", 9, OpcodeCategory.Real, false, 0, OpcodeArgumentKind.None, new StackFormula(0), null, new StackFormula(0));
        var ext = new OpcodeDefinition("EXTENDED_ARG", 144, OpcodeCategory.Real, true, 0, OpcodeArgumentKind.Number, new StackFormula(0), null, new StackFormula(0));
        var table = new OpcodeTable(Define(nop, ext));
        Assert.Equal("NOP", table[9].Name);
        Assert.Equal("<10>", table.OpName[10]);
        Assert.Throws<InvalidOpcodeTableException>(() => new OpcodeTable(Define(nop, ext, nop with { Name = "NOP2" })));
        Assert.Throws<InvalidOpcodeTableException>(() => new OpcodeTable(Define(nop, ext, nop with { Number = 10 })));
        Assert.Throws<InvalidOpcodeTableException>(() => new OpcodeTable(Define(nop)));
    }
}
