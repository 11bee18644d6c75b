using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Verification;

/// <summary>
/// The verifier's era rules for the 2.7–3.10 block stack (<c>BlockStackRules</c>), 3.12+ loop exits, FOR_ITER's
/// iterator, pseudo instructions and 2.7's DUP_TOPX counts: for each rule a program the interpreter runs is accepted and one it would crash on
/// (or abort with a fatal error) is refused with the rule's problem.
/// </summary>
public sealed class BlockStackVerifierTests
{
    private static Code Module(string version, params object[] items)
    {
        var v = PythonVersion.Parse(version);
        var t = OpcodeTables.ForVersion(v);
        var code = new Code(v) { Name = new PyString("<module>"), QualName = new PyString("<module>"), Filename = new PyString("<test>"), FirstLineNo = 1 };
        if (t.TryGetOpcode("RESUME", out _))
        {
            code.CodeList.Add(new Instr(t["RESUME"], 0));
        }

        foreach (var item in items)
        {
            code.CodeList.Add(item switch
            {
                Label l => l,
                string name => new Instr(t[name]),
                (string name, object arg) => new Instr(t[name], arg),
                _ => throw new ArgumentException("bad item", nameof(items)),
            });
        }

        return code;
    }

    private static string Rejected(Code code) => Assert.ThrowsAny<VerificationException>(() => code.ToCode()).Problem;

    // try: x  except: pass  — the era's handler: 2.7 pops three items; 3.x six, the saved three by POP_EXCEPT.
    private static object[] TryExcept(string version, object[]? body = null, object[]? handler = null)
    {
        var h = new Label();
        var end = new Label();
        var v = PythonVersion.Parse(version);
        var items = new List<object> { (v <= PythonVersion.V3_7 ? "SETUP_EXCEPT" : "SETUP_FINALLY", h) };
        items.AddRange(body ?? [("LOAD_NAME", "x"), "POP_TOP"]);
        items.AddRange(["POP_BLOCK", ("JUMP_FORWARD", end), h]);
        items.AddRange(handler ?? (v == PythonVersion.V2_7 ? ["POP_TOP", "POP_TOP", "POP_TOP"] : ["POP_TOP", "POP_TOP", "POP_TOP", "POP_EXCEPT"]));
        items.AddRange([end, ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE"]);
        return [.. items];
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.6")]
    [InlineData("3.8")]
    [InlineData("3.10")]
    public void Pop_block_needs_a_block(string version)
    {
        Module(version, TryExcept(version)).ToCode();
        Assert.Equal("POP_BLOCK without a block", Rejected(Module(version, ("LOAD_CONST", PyNone.Instance), "POP_BLOCK", "RETURN_VALUE")));
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.7")]
    public void Pop_block_on_27_to_37_cuts_the_stack_to_the_blocks_level(string version)
    {
        Module(version, TryExcept(version, body: [("LOAD_NAME", "x"), ("LOAD_NAME", "y"), "POP_TOP", "POP_TOP"])).ToCode();
        Assert.Equal("POP_BLOCK off the block's level", Rejected(Module(version, TryExcept(version, body: [("LOAD_NAME", "x"), ("LOAD_NAME", "y"), "POP_TOP"]))));
    }

    [Theory]
    [InlineData("3.6", "POP_EXCEPT off the handler's level")]
    [InlineData("3.9", "POP_EXCEPT off the handler's level")]
    public void Pop_except_needs_the_handlers_block_at_its_level(string version, string problem)
    {
        Module(version, TryExcept(version)).ToCode();
        Assert.Equal("POP_EXCEPT without an except handler block", Rejected(Module(version, ("LOAD_CONST", PyNone.Instance), "POP_EXCEPT", "RETURN_VALUE")));

        // Three items too few: the saved exception would be taken from below the handler's level.
        Assert.Equal(problem, Rejected(Module(version, TryExcept(version, handler: ["POP_TOP", "POP_TOP", "POP_TOP", "POP_TOP", "POP_TOP", "POP_TOP", "POP_EXCEPT"]))));
    }

    [Fact]
    public void Pop_except_on_36_and_37_cuts_to_exactly_level_plus_three()
    {
        // 3.8+ pop three items (and allow a value kept above them); 3.6-3.7 unwind to level + 3 first, so one more item there is refused.
        var extra = new object[] { "POP_TOP", "POP_TOP", "POP_TOP", ("LOAD_CONST", PyNone.Instance), "POP_EXCEPT" };
        Assert.Equal("POP_EXCEPT off the handler's level", Rejected(Module("3.7", TryExcept("3.7", handler: extra))));
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.7")]
    [InlineData("3.10")]
    public void Code_inside_a_block_leaves_the_items_below_its_level_alone(string version)
    {
        var two = new object[] { ("LOAD_CONST", new PyInt(1)), ("LOAD_CONST", new PyInt(2)) };
        Module(version, [.. two, "BINARY_ADD" is var add && Has(version, add) ? add : ("BINARY_OP", 0), "POP_TOP", .. TryExcept(version)]).ToCode();

        // The addition consumes the two items under the block: unwinding would hand the handler a shorter stack.
        var inside = TryExcept(version, body: [Has(version, "BINARY_ADD") ? "BINARY_ADD" : ("BINARY_OP", 0), ("LOAD_NAME", "x"), "POP_TOP", ("LOAD_CONST", new PyInt(3)), ("LOAD_CONST", new PyInt(4))]);
        Assert.Equal("stack below the block's level", Rejected(Module(version, [.. two, .. inside])));
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.7")]
    public void A_join_needs_one_block_stack(string version)
    {
        object[] Loop(bool popOnBoth)
        {
            var x = new Label();
            var end = new Label();
            var items = new List<object> { ("SETUP_LOOP", end), ("LOAD_NAME", "c"), ("POP_JUMP_IF_FALSE", x), "POP_BLOCK" };
            items.AddRange(popOnBoth ? [("LOAD_CONST", PyNone.Instance), "RETURN_VALUE", x, "POP_BLOCK"] : [x]);
            items.AddRange([("LOAD_CONST", PyNone.Instance), "RETURN_VALUE", end, ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE"]);
            return [.. items];
        }

        Module(version, Loop(popOnBoth: true)).ToCode();
        Assert.Equal("reached with two block stacks", Rejected(Module(version, Loop(popOnBoth: false))));
    }

    [Theory]
    [InlineData("2.7")]
    [InlineData("3.6")]
    public void At_most_twenty_blocks(string version)
    {
        object[] Nested(int n)
        {
            var ends = Enumerable.Range(0, n).Select(_ => new Label()).ToArray();
            var items = new List<object>();
            items.AddRange(ends.Select(e => (object)("SETUP_LOOP", e)));
            items.AddRange([("LOAD_CONST", PyNone.Instance), "RETURN_VALUE"]);
            foreach (var e in ends.Reverse())
            {
                items.AddRange([e, ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE"]);
            }

            return [.. items];
        }

        Module(version, Nested(20)).ToCode();
        Assert.Equal("block stack overflow", Rejected(Module(version, Nested(21))));
    }

    [Fact]
    public void Dup_topx_copies_two_or_three_items_on_27()
    {
        var ok = new object[] { ("LOAD_CONST", new PyInt(1)), ("LOAD_CONST", new PyInt(2)), ("LOAD_CONST", new PyInt(3)), ("DUP_TOPX", 3), "POP_TOP", "POP_TOP", "POP_TOP", "POP_TOP", "POP_TOP", "RETURN_VALUE" };
        Module("2.7", ok).ToCode();
        var four = new object[] { ("LOAD_CONST", new PyInt(1)), ("LOAD_CONST", new PyInt(2)), ("LOAD_CONST", new PyInt(3)), ("LOAD_CONST", new PyInt(4)), ("DUP_TOPX", 4), "RETURN_VALUE" };
        Assert.Equal("DUP_TOPX operand out of range", Rejected(Module("2.7", four)));
    }

    [Theory]
    [InlineData("3.12")]
    [InlineData("3.13")]
    [InlineData("3.14")]
    public void An_exhausted_for_iter_skips_end_for(string version)
    {
        Module(version, ForLoop(version, dropEndFor: false)).ToCode();
        Assert.Equal("FOR_ITER's exit is not END_FOR", Rejected(Module(version, ForLoop(version, dropEndFor: true))));
    }

    [Theory]
    [InlineData("3.13")]
    [InlineData("3.14")]
    [InlineData("3.15")]
    public void For_iter_needs_an_iterator(string version)
    {
        Module(version, ForLoop(version, dropEndFor: false)).ToCode();
        var loop = ForLoop(version, dropEndFor: false).ToList();
        var getIter = loop.FindIndex(x => x is "GET_ITER" or ("GET_ITER", 0));

        // 3.15's FOR_ITER takes the iterator from under a NULL: keep the NULL, lose the iterator.
        loop[getIter] = version == "3.15" ? "PUSH_NULL" : "NOP";
        Assert.Equal("FOR_ITER without an iterator", Rejected(Module(version, [.. loop])));
    }

    [Theory]
    [InlineData("3.12")]
    [InlineData("3.13")]
    public void Pseudo_instructions_are_not_code(string version)
    {
        Module(version, ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE").ToCode();
        Assert.Equal("pseudo instruction in code", Rejected(Module(version, "POP_BLOCK", ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE")));
    }

    private static bool Has(string version, string name) => OpcodeTables.ForVersion(PythonVersion.Parse(version)).TryGetOpcode(name, out _);

    private static object[] ForLoop(string version, bool dropEndFor)
    {
        var v = PythonVersion.Parse(version);
        var head = new Label();
        var exit = new Label();
        var items = new List<object>
        {
            ("LOAD_CONST", new PyTuple(new PyInt(1), new PyInt(2))),
            v >= PythonVersion.V3_15 ? ("GET_ITER", 0) : "GET_ITER",
            head, ("FOR_ITER", exit), ("STORE_NAME", "i"), ("JUMP_BACKWARD", head), exit,
        };
        if (!dropEndFor)
        {
            items.Add("END_FOR");
        }

        // 3.12's END_FOR pops the iterator too; 3.13 ends with POP_TOP, 3.14+ with POP_ITER.
        if (v >= PythonVersion.V3_13)
        {
            items.Add(v >= PythonVersion.V3_14 ? "POP_ITER" : "POP_TOP");
        }
        items.AddRange([("LOAD_CONST", PyNone.Instance), "RETURN_VALUE"]);
        return [.. items];
    }
}
