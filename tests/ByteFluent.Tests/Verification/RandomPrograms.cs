using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Tests.Verification;

/// <summary>
/// A seeded generator of random module programs for one version, built on the <see cref="Code"/> model: straight-line
/// runs of real opcodes (constants, names, arithmetic, comparisons, tuples and lists, stack shuffles), if/else diamonds,
/// bounded for loops over a tuple, and exception regions (3.11+: exception-table regions with a random depth and lasti;
/// before: the era's SETUP_EXCEPT / SETUP_FINALLY handler template). Half the programs are then mutated — a random
/// opcode with a random argument inserted, an ordinary instruction deleted, the return dropped, a region deepened, an
/// extra push before a label, a POP_BLOCK dropped or added, a stray POP_EXCEPT, an END_FOR dropped — so that the
/// verifier sees broken programs too, block stacks (2.7–3.10) and loop exits included. Loop and region bodies leave
/// the items below them (the iterator, the region's depth) alone, so that most unmutated programs are valid.
/// </summary>
internal sealed class RandomPrograms(PythonVersion version, int seed)
{
    private static readonly string[] Names = ["a", "b", "c"];
    private readonly OpcodeTable t = OpcodeTables.ForVersion(version);
    private readonly Random r = new(seed);
    private CodeList items = [];
    private int depth;

    // Items below the floor belong to an enclosing loop (its iterator) or region (its depth): the body leaves them alone.
    private int floor;

    private int Free => depth - floor;

    private static readonly string[] Structural =
    [
        "SETUP_EXCEPT", "SETUP_FINALLY", "POP_BLOCK", "POP_EXCEPT", "GET_ITER", "FOR_ITER", "END_FOR", "JUMP_FORWARD",
        "JUMP_ABSOLUTE", "JUMP_BACKWARD", "RESUME", "POP_JUMP_IF_FALSE", "POP_JUMP_FORWARD_IF_FALSE",
    ];

    public Code Next(out bool mutated)
    {
        items = [];
        depth = 0;
        floor = 0;
        if (Has("RESUME"))
        {
            Emit("RESUME", 0);
        }

        var steps = r.Next(3, 25);
        for (var i = 0; i < steps; i++)
        {
            Step(nesting: 0);
        }

        while (depth > 1)
        {
            Emit("POP_TOP");
            depth--;
        }

        if (depth == 0)
        {
            Const(PyNone.Instance);
        }

        Emit("RETURN_VALUE");
        mutated = r.Next(2) == 0;
        if (mutated)
        {
            var n = r.Next(1, 3);
            for (var i = 0; i < n; i++)
            {
                Mutate();
            }
        }

        var code = new Code(version) { Name = new PyString("<module>"), QualName = new PyString("<module>"), Filename = new PyString("<diff>"), FirstLineNo = 1 };
        code.CodeList.AddRange(items);
        return code;
    }

    private bool Has(string name) => t.TryGetOpcode(name, out _);

    private void Emit(string name, object? arg = null) => items.Add(new Instr(t[name], arg));

    private void Const(PyObject value)
    {
        Emit("LOAD_CONST", value);
        depth++;
    }

    private PyObject RandomConst() => r.Next(6) switch
    {
        0 => new PyInt(r.Next(-3, 100)),
        1 => new PyString("s" + r.Next(10)),
        2 => PyNone.Instance,
        3 => new PyTuple(new PyInt(1), new PyInt(2)),
        4 => PyBool.True,
        _ => new PyInt(r.Next(1, 5)),
    };

    private void Step(int nesting)
    {
        switch (r.Next(nesting < 2 ? 13 : 10))
        {
            case 0 or 1:
                Const(RandomConst());
                break;
            case 2:
                Emit("LOAD_NAME", Names[r.Next(Names.Length)]);
                depth++;
                break;
            case 3 when Free >= 1:
                Emit(r.Next(2) == 0 ? "POP_TOP" : "STORE_NAME", r.Next(2) == 0 ? null : Names[r.Next(Names.Length)]);
                FixStore();
                depth--;
                break;
            case 4 when Free >= 2:
                Binary();
                break;
            case 5 when Free >= 1:
                Emit(new[] { "UNARY_NOT", "UNARY_NEGATIVE", "UNARY_INVERT" }[r.Next(3)]);
                break;
            case 6 when Free >= 1:
                var k = r.Next(0, Math.Min(Free, 4) + 1);
                Emit(r.Next(2) == 0 ? "BUILD_TUPLE" : "BUILD_LIST", k);
                depth += 1 - k;
                break;
            case 7 when depth >= 1:
                Copy(r.Next(1, Math.Min(depth, 4) + 1));
                break;
            case 8 when Free >= 2:
                Swap(r.Next(2, Math.Min(Free, 3) + 1));
                break;
            case 9 when Free >= 2:
                Emit("COMPARE_OP", new Comparison(new[] { "<", "==", "!=", ">=" }[r.Next(4)]));
                depth--;
                break;
            case 10 when Free >= 1:
                Diamond(nesting);
                break;
            case 11:
                Loop(nesting);
                break;
            case 12:
                Try(nesting);
                break;
            default:
                Const(RandomConst());
                break;
        }
    }

    // STORE_NAME takes a name; POP_TOP none (the choice above is made independently).
    private void FixStore()
    {
        var last = (Instr)items[^1];
        if (last.Opcode.Name == "STORE_NAME" && last.Arg is null)
        {
            items[^1] = new Instr(t["STORE_NAME"], "a");
        }
        else if (last.Opcode.Name == "POP_TOP" && last.Arg is not null)
        {
            items[^1] = new Instr(t["POP_TOP"]);
        }
    }

    private void Binary()
    {
        if (Has("BINARY_OP"))
        {
            var values = t.ArgumentNames["BINARY_OP"];
            Emit("BINARY_OP", new[] { 0, 5, 10, 1, 7 }[r.Next(5)] is var v && values.Any(x => x.Value == v) ? v : 0);
        }
        else
        {
            Emit(new[] { "BINARY_ADD", "BINARY_SUBTRACT", "BINARY_MULTIPLY", "BINARY_AND", "BINARY_OR" }[r.Next(5)]);
        }

        depth--;
    }

    private void Copy(int n)
    {
        if (Has("COPY"))
        {
            Emit("COPY", n);
        }
        else if (n == 1 || !Has("DUP_TOPX"))
        {
            Emit("DUP_TOP");
        }
        else
        {
            // DUP_TOPX copies 2 or 3 items (2.3+).
            n = Math.Min(n, 3);
            Emit("DUP_TOPX", n);
            depth += n - 1;
        }

        depth++;
    }

    private void Swap(int n)
    {
        if (Has("SWAP"))
        {
            Emit("SWAP", n);
        }
        else
        {
            Emit(n == 2 ? "ROT_TWO" : "ROT_THREE");
        }
    }

    private void Balanced(int nesting)
    {
        var start = depth;
        var steps = r.Next(0, 4);
        for (var i = 0; i < steps; i++)
        {
            Step(nesting + 1);
        }

        while (depth > start)
        {
            Emit("POP_TOP");
            depth--;
        }

        while (depth < start)
        {
            Const(RandomConst());
        }
    }

    private string CondJump => Has("POP_JUMP_IF_FALSE") ? "POP_JUMP_IF_FALSE" : "POP_JUMP_FORWARD_IF_FALSE";

    private void Diamond(int nesting)
    {
        var otherwise = new Label();
        var end = new Label();
        if (Has("TO_BOOL"))
        {
            Emit("TO_BOOL");
        }

        Emit(CondJump, otherwise);
        depth--;
        Balanced(nesting);
        Emit("JUMP_FORWARD", end);
        items.Add(otherwise);
        Balanced(nesting);
        items.Add(end);
    }

    private void Loop(int nesting)
    {
        var head = new Label();
        var exit = new Label();
        Const(new PyTuple(new PyInt(1), new PyInt(2), new PyInt(3)));
        Emit("GET_ITER");
        items.Add(head);
        Emit("FOR_ITER", exit);
        depth++;
        Emit("STORE_NAME", "i");
        depth--;
        var outer = floor;
        floor = depth;
        Balanced(nesting);
        floor = outer;
        Emit(Has("JUMP_BACKWARD") ? "JUMP_BACKWARD" : "JUMP_ABSOLUTE", head);
        items.Add(exit);
        if (version >= PythonVersion.V3_12)
        {
            Emit("END_FOR");
            if (version >= PythonVersion.V3_13)
            {
                Emit("POP_TOP");
            }
        }

        depth--;
    }

    private void Try(int nesting)
    {
        var handler = new Label();
        var end = new Label();
        var start = depth;
        var outer = floor;
        floor = start;
        if (version >= PythonVersion.V3_11)
        {
            var region = new ExceptionRegion(handler, start, r.Next(2) == 0);
            items.Add(new TryBegin(region));
            Raising();
            Balanced(nesting);
            items.Add(new TryEnd(region));
            Emit("JUMP_FORWARD", end);
            items.Add(handler);
            Emit("POP_TOP");
            if (region.Lasti)
            {
                Emit("POP_TOP");
            }
        }
        else
        {
            Emit(version <= PythonVersion.V3_7 ? "SETUP_EXCEPT" : "SETUP_FINALLY", handler);
            Raising();
            Balanced(nesting);
            Emit("POP_BLOCK");
            Emit("JUMP_FORWARD", end);
            items.Add(handler);
            Emit("POP_TOP");
            Emit("POP_TOP");
            Emit("POP_TOP");
            if (version >= PythonVersion.V3_6)
            {
                Emit("POP_EXCEPT");
            }
        }

        items.Add(end);
        depth = start;
        floor = outer;
    }

    // Something that may raise inside a region: a name that may be unbound, then dropped.
    private void Raising()
    {
        Emit("LOAD_NAME", "undefined_" + r.Next(3));
        Emit("POP_TOP");
    }

    private void Mutate()
    {
        var instrs = items.Select((item, i) => (item, i)).Where(p => p.item is Instr ins && !Structural.Contains(ins.Opcode.Name)).Select(p => p.i).ToList();
        switch (r.Next(7))
        {
            case 6:
                MutateBlocks();
                break;
            case 0 or 1:
                items.Insert(r.Next(1, items.Count), RandomInstr());
                break;
            case 2 when instrs.Count > 0:
                items.RemoveAt(instrs[r.Next(instrs.Count)]);
                break;
            case 3:
                var ret = items.FindLastIndex(i => i is Instr { Opcode.Name: "RETURN_VALUE" });
                if (ret >= 0)
                {
                    items[ret] = new Instr(t["POP_TOP"]);
                }

                break;
            case 4:
                var begin = items.FindIndex(i => i is TryBegin);
                if (begin >= 0 && items[begin] is TryBegin tb)
                {
                    var deeper = new ExceptionRegion(tb.Region.Handler, tb.Region.Depth + r.Next(1, 4), tb.Region.Lasti);
                    for (var i = 0; i < items.Count; i++)
                    {
                        items[i] = items[i] switch
                        {
                            TryBegin b when b.Region == tb.Region => new TryBegin(deeper),
                            TryEnd e when e.Region == tb.Region => new TryEnd(deeper),
                            var other => other,
                        };
                    }
                }

                break;
            default:
                var label = items.FindIndex(i => i is Label);
                if (label > 0)
                {
                    items.Insert(label, new Instr(t["LOAD_CONST"], new PyInt(7)));
                }

                break;
        }
    }

    // Block structure (2.7–3.10 block stack; 3.12+ FOR_ITER exits): a POP_BLOCK dropped or added, a stray POP_EXCEPT, an
    // item pushed just before a POP_BLOCK, an END_FOR dropped.
    private void MutateBlocks()
    {
        var popBlock = items.FindIndex(i => i is Instr { Opcode.Name: "POP_BLOCK" });
        switch (r.Next(5))
        {
            case 0 when popBlock >= 0:
                items.RemoveAt(popBlock);
                break;
            case 1 when Has("POP_BLOCK"):
                items.Insert(r.Next(1, items.Count), new Instr(t["POP_BLOCK"]));
                break;
            case 2 when Has("POP_EXCEPT"):
                items.Insert(r.Next(1, items.Count), new Instr(t["POP_EXCEPT"]));
                break;
            case 3 when popBlock >= 0:
                items.Insert(popBlock, new Instr(t["LOAD_CONST"], new PyInt(5)));
                break;
            default:
                var endFor = items.FindIndex(i => i is Instr { Opcode.Name: "END_FOR" });
                if (endFor >= 0)
                {
                    items.RemoveAt(endFor);
                }

                break;
        }
    }

    private Instr RandomInstr()
    {
        var pool = new[] { "POP_TOP", "LOAD_CONST", "BINARY_ADD", "BINARY_OP", "SWAP", "COPY", "ROT_TWO", "ROT_THREE", "DUP_TOP", "DUP_TOPX", "BUILD_TUPLE", "BUILD_LIST", "UNARY_NOT", "LOAD_FAST", "STORE_NAME", "NOP", "COMPARE_OP", "RETURN_VALUE" }
            .Where(Has).ToArray();
        var name = pool[r.Next(pool.Length)];
        var op = t[name];
        object? arg = name switch
        {
            "LOAD_CONST" => RandomConst(),
            "LOAD_FAST" => "x",
            "STORE_NAME" => "b",
            "COMPARE_OP" => new Comparison("<"),
            _ when op.HasArg => r.Next(0, 8) == 0 ? r.Next(20, 40) : r.Next(0, 6),
            _ => null,
        };
        return new Instr(op, arg);
    }
}
