using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Verification;

/// <summary>
/// <see cref="StackAnalysis.Compute(Code)"/>: the depth before and after each code list entry, the item kinds the
/// era defines (iterators, NULLs, a handler's exception and saved exception), labels and markers given the depth of the
/// instruction they stand before, unreached code left null, and the verifier's problems as text.
/// </summary>
public sealed class StackAnalysisTests
{
    private static Code Module(PythonVersion v, params object[] items)
    {
        var t = OpcodeTables.ForVersion(v);
        var code = new Code(v) { Name = new PyString("<module>"), QualName = new PyString("<module>"), Filename = new PyString("<test>"), FirstLineNo = 1 };
        foreach (var item in items)
        {
            code.CodeList.Add(item switch
            {
                CodeItem c => c,
                string name => new Instr(t[name]),
                (string name, object arg) => new Instr(t[name], arg),
                _ => throw new ArgumentException("bad item", nameof(items)),
            });
        }

        return code;
    }

    [Fact]
    public void Straight_line_depths_before_and_after_each_instruction()
    {
        var r = StackAnalysis.Compute(Module(PythonVersion.V3_8, ("LOAD_CONST", new PyInt(1)), ("LOAD_CONST", new PyInt(2)), "BINARY_ADD", "RETURN_VALUE"));
        Assert.Empty(r.Problems);
        Assert.Equal([0, 1, 2, 1], r.Entries.Select(e => e.DepthBefore));
        Assert.Equal([1, 2, 1, 0], r.Entries.Select(e => e.DepthAfter));
        Assert.Equal([0, 2, 4, 6], r.Entries.Select(e => e.Offset));
        Assert.Equal([0, 1, 2, 3], r.Entries.Select(e => e.InstructionIndex));
        Assert.Equal(2, r.MaxDepth);
    }

    [Fact]
    public void A_loop_keeps_its_iterator_kind_and_labels_get_the_next_instructions_depth()
    {
        var head = new Label();
        var exit = new Label();
        var r = StackAnalysis.Compute(Module(
            PythonVersion.V3_12,
            ("RESUME", 0), ("LOAD_CONST", new PyTuple(new PyInt(1))), "GET_ITER", head, ("FOR_ITER", exit), ("STORE_NAME", "i"),
            ("JUMP_BACKWARD", head), exit, "END_FOR", ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE"));
        Assert.Empty(r.Problems);
        var label = r.Entries.Single(e => ReferenceEquals(e.Item, head));
        var forIter = r.Entries.Single(e => e.Item is Instr { Opcode.Name: "FOR_ITER" });
        Assert.Null(label.InstructionIndex);
        Assert.Equal(forIter.DepthBefore, label.DepthBefore);
        Assert.Equal(forIter.Offset, label.Offset);
        Assert.Equal([StackItemKind.Iterator], forIter.KindsBefore);
        var store = r.Entries.Single(e => e.Item is Instr { Opcode.Name: "STORE_NAME" });
        Assert.Equal([StackItemKind.Iterator, StackItemKind.Value], store.KindsBefore);

        // 3.12's compiler view: the exit reaches END_FOR with the iterator and a value, which END_FOR pops.
        var endFor = r.Entries.Single(e => e.Item is Instr { Opcode.Name: "END_FOR" });
        Assert.Equal(2, endFor.DepthBefore);
        Assert.Equal(0, endFor.DepthAfter);
    }

    [Fact]
    public void A_36_handler_gets_the_exception_over_the_saved_exception()
    {
        var h = new Label();
        var end = new Label();
        var r = StackAnalysis.Compute(Module(
            PythonVersion.V3_6,
            ("SETUP_EXCEPT", h), ("LOAD_NAME", "x"), "POP_TOP", "POP_BLOCK", ("JUMP_FORWARD", end),
            h, "POP_TOP", "POP_TOP", "POP_TOP", "POP_EXCEPT", end, ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE"));
        Assert.Empty(r.Problems);
        var handler = r.Entries[r.Entries.ToList().FindIndex(e => ReferenceEquals(e.Item, h)) + 1];
        Assert.Equal(6, handler.DepthBefore);
        Assert.Equal(StackItemKind.Exception, handler.KindsBefore![^1]);
        Assert.Equal([StackItemKind.SavedException, StackItemKind.SavedException, StackItemKind.SavedException], handler.KindsBefore!.Take(3));
        var popExcept = r.Entries.Single(e => e.Item is Instr { Opcode.Name: "POP_EXCEPT" });
        Assert.Equal(3, popExcept.DepthBefore);
        Assert.Equal(0, popExcept.DepthAfter);
        Assert.Equal(6, r.MaxDepth);
    }

    [Fact]
    public void Unreached_code_has_no_depth_and_problems_are_reported_not_thrown()
    {
        var r = StackAnalysis.Compute(Module(PythonVersion.V3_8, ("LOAD_CONST", PyNone.Instance), "RETURN_VALUE", ("LOAD_CONST", new PyInt(1)), "RETURN_VALUE"));
        Assert.Empty(r.Problems);
        Assert.Null(r.Entries[2].DepthBefore);
        Assert.Null(r.Entries[2].DepthAfter);
        Assert.Null(r.Entries[2].KindsBefore);

        var bad = StackAnalysis.Compute(Module(PythonVersion.V3_8, "BINARY_ADD", "RETURN_VALUE"));
        var problem = Assert.Single(bad.Problems);
        Assert.Contains("instruction 0 (offset 0): stack underflow", problem, StringComparison.Ordinal);
        Assert.Equal(0, bad.Entries[0].DepthBefore);
        Assert.Null(bad.Entries[0].DepthAfter);
    }

    [Fact]
    public void Null_kinds_of_311_calls()
    {
        var r = StackAnalysis.Compute(Module(PythonVersion.V3_12, ("RESUME", 0), "PUSH_NULL", ("LOAD_NAME", "f"), ("CALL", 0), "RETURN_VALUE"));
        Assert.Empty(r.Problems);
        var call = r.Entries.Single(e => e.Item is Instr { Opcode.Name: "CALL" });
        Assert.Equal([StackItemKind.Null, StackItemKind.Value], call.KindsBefore);
        Assert.Equal(1, call.DepthAfter);
    }
}
