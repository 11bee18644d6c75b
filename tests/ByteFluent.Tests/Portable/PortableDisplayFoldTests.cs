using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Portable;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Portable;

/// <summary>
/// Displays that are only iterated or searched (as each version's compiler leaves them, learned from its <c>dis</c>),
/// 2.7's <c>continue</c> in a handler, and a <c>global</c> statement's effect on the module body.
/// </summary>
public sealed class PortableDisplayFoldTests
{
    private static List<Instr> Module(PortableModule m, string version) =>
        [.. m.Build(PythonVersion.Parse(version)).CodeList.OfType<Instr>().Where(i => i.Opcode.Name is not ("NOP" or "CACHE" or "RESUME"))];

    private static List<Instr> Function(PortableModule m, string version) =>
        [.. m.Build(PythonVersion.Parse(version)).CodeList.OfType<Instr>().Select(i => i.Arg).OfType<Code>().Single().CodeList.OfType<Instr>()];

    private static string Before(List<Instr> ops, string opcode) => ops[ops.FindIndex(i => i.Opcode.Name == opcode) - 1].Opcode.Name;

    // for x in [1, 2, 3]: pass
    private static readonly PortableModule ForConstants = PortableModule.Create(m => m.For("x", Py.List(1, 2, 3), b => b.Pass()));

    // for x in [a, b]: pass
    private static readonly PortableModule ForNames = PortableModule.Create(m => m.For("x", Py.List(Py.Name("a"), Py.Name("b")), b => b.Pass()));

    [Theory]
    [InlineData("2.7", "BUILD_LIST")]
    [InlineData("3.6", "LOAD_CONST")]
    [InlineData("3.9", "LOAD_CONST")]
    [InlineData("3.12", "LOAD_CONST")]
    [InlineData("3.15", "LOAD_CONST")]
    public void A_list_of_constants_that_is_iterated_is_a_tuple_constant_from_3_6(string version, string beforeIter)
    {
        var ops = Module(ForConstants, version);
        Assert.Equal(beforeIter, Before(ops, "GET_ITER"));
        if (beforeIter == "LOAD_CONST")
        {
            Assert.IsType<PyTuple>(ops[ops.FindIndex(i => i.Opcode.Name == "GET_ITER") - 1].Arg);
            Assert.DoesNotContain(ops, i => i.Opcode.Name is "BUILD_LIST" or "LIST_EXTEND");
        }
    }

    [Theory]
    [InlineData("3.6", "BUILD_LIST")]
    [InlineData("3.7", "BUILD_LIST")]
    [InlineData("3.8", "BUILD_TUPLE")]
    [InlineData("3.11", "BUILD_TUPLE")]
    [InlineData("3.14", "BUILD_TUPLE")]
    public void From_3_8_an_iterated_list_of_names_is_built_as_a_tuple(string version, string build) =>
        Assert.Equal(build, Before(Module(ForNames, version), "GET_ITER"));

    [Theory]
    [InlineData("3.6", "BUILD_LIST")]
    [InlineData("3.7", "LOAD_CONST")]
    [InlineData("3.14", "LOAD_CONST")]
    public void An_empty_iterated_list_is_the_empty_tuple_from_3_7(string version, string beforeIter) =>
        Assert.Equal(beforeIter, Before(Module(PortableModule.Create(m => m.For("x", Py.List(), b => b.Pass())), version), "GET_ITER"));

    [Theory]
    [InlineData("3.6")]
    [InlineData("3.10")]
    [InlineData("3.15")]
    public void A_set_of_constants_that_is_searched_is_a_frozenset_constant(string version)
    {
        var ops = Module(PortableModule.Create(m => m.Print(Py.Name("x").In(Py.Set(1, 2)))), version);
        Assert.Contains(ops, i => i.Arg is PyFrozenSet);
        Assert.DoesNotContain(ops, i => i.Opcode.Name == "BUILD_SET");
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.6")]
    [InlineData("3.13")]
    public void The_list_operand_of_in_is_a_tuple_constant_even_on_2_7(string version)
    {
        var ops = Module(PortableModule.Create(m => m.Print(Py.Name("x").NotIn(Py.List(1, 2)))), version);
        Assert.Contains(ops, i => i.Arg is PyTuple { Count: 2 });
        Assert.DoesNotContain(ops, i => i.Opcode.Name == "BUILD_LIST");
    }

    [Theory]
    [InlineData("3.13", "LOAD_CONST")]
    [InlineData("3.14", "LIST_EXTEND")]
    public void From_3_14_an_iterated_display_of_more_than_30_items_is_kept(string version, string beforeIter)
    {
        var items = Enumerable.Range(0, 31).Select(k => Py.Const(k)).ToArray();
        Assert.Equal(beforeIter, Before(Module(PortableModule.Create(m => m.For("x", Py.List(items), b => b.Pass())), version), "GET_ITER"));
    }

    // def g(a):
    //     for x in a:
    //         try: pass
    //         except E: continue
    //         try: continue
    //         except E: pass
    private static readonly PortableModule Continues = PortableModule.Create(m => m.Def("g", ["a"], f => f.For("x", Py.Name("a"), b => b
        .Try(t => t.Pass(), h => h.Except("E", e => e.Continue()))
        .Try(t => t.Continue(), h => h.Except("E", e => e.Pass())))));

    [Theory]
    [InlineData("2.7", "JUMP_ABSOLUTE", "CONTINUE_LOOP")]
    [InlineData("3.6", "CONTINUE_LOOP", "CONTINUE_LOOP")]
    public void On_2_7_continue_in_a_handler_is_a_plain_jump(string version, string inHandler, string inBody)
    {
        var ops = Function(Continues, version).Select(i => i.Opcode.Name).ToList();
        var firstCompare = ops.IndexOf("COMPARE_OP");
        var handlerContinue = ops.FindIndex(firstCompare, o => o is "JUMP_ABSOLUTE" or "CONTINUE_LOOP");
        Assert.Equal(inHandler, ops[handlerContinue]);
        var secondSetup = ops.LastIndexOf("SETUP_EXCEPT");
        Assert.Equal(inBody, ops[secondSetup + 1]);
    }

    // g = 1
    // def setg(v):
    //     global g
    //     g = v
    // print(g)
    [Theory]
    [InlineData("2.7")]
    [InlineData("3.8")]
    [InlineData("3.15")]
    public void A_global_statement_in_a_function_makes_the_module_body_use_global_opcodes(string version)
    {
        var module = PortableModule.Create(m => m.Assign("g", 1).Def("setg", ["v"], f => f.Global("g").Assign("g", Py.Name("v"))).Print(Py.Name("g")));
        var ops = Module(module, version);
        Assert.Contains(ops, i => i.Opcode.Name == "STORE_GLOBAL" && Equals(i.Arg, "g"));
        Assert.Contains(ops, i => i.Opcode.Name == "LOAD_GLOBAL");
        Assert.DoesNotContain(ops, i => i.Opcode.Name is "STORE_NAME" or "LOAD_NAME" && Equals(i.Arg, "g"));
    }
}
