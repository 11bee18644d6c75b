using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;
using CsCheck;

namespace ByteFluent.Tests.Properties;

/// <summary>A random structured program: each node leaves the stack as it found it.</summary>
internal abstract record ProgramNode;

/// <summary>A straight-line piece: <c>0</c> a constant dropped, <c>1</c> a name stored, <c>2</c> an addition dropped.</summary>
internal sealed record Straight(int Kind, int Value) : ProgramNode;

/// <summary>An if/else diamond on a name's truth.</summary>
internal sealed record IfElse(ProgramNode[] Then, ProgramNode[] Else) : ProgramNode;

/// <summary>A for loop over a constant tuple.</summary>
internal sealed record ForLoop(ProgramNode[] Body) : ProgramNode;

/// <summary>A protected block with a handler that drops the exception (3.11+: an exception region, nested when inside another).</summary>
internal sealed record Protected(ProgramNode[] Body, bool Lasti) : ProgramNode;

/// <summary>
/// CsCheck generators of <see cref="ProgramNode"/> trees (blocks never empty, nesting three deep at most) and their
/// lowering to a <see cref="Code"/> list of one version: labels, forward and backward jumps, and (3.11+) nested
/// exception regions, or before 3.11 the era's SETUP_EXCEPT / SETUP_FINALLY handler.
/// </summary>
internal sealed class ProgramTree(PythonVersion version)
{
    private readonly OpcodeTable t = OpcodeTables.ForVersion(version);

    public static Gen<ProgramNode[]> Block(int depth) => Node(depth).Array[1, depth == 0 ? 4 : 3];

    private static Gen<ProgramNode> Node(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, Gen.Select(Block(depth - 1), Block(depth - 1)).Select(p => (ProgramNode)new IfElse(p.Item1, p.Item2))),
            (1, Block(depth - 1).Select(b => (ProgramNode)new ForLoop(b))),
            (1, Gen.Select(Block(depth - 1), Gen.Bool).Select(p => (ProgramNode)new Protected(p.Item1, p.Item2))));

    private static Gen<ProgramNode> Leaf => Gen.Select(Gen.Int[0, 2], Gen.Int[-3, 300]).Select(p => (ProgramNode)new Straight(p.Item1, p.Item2));

    public Code Lower(ProgramNode[] program)
    {
        var code = new Code(version)
        {
            Name = new PyString("<module>"),
            QualName = version >= PythonVersion.V3_11 ? new PyString("<module>") : null,
            Filename = new PyString("<property>"),
            FirstLineNo = 1,
        };
        var items = code.CodeList;
        if (version >= PythonVersion.V3_10)
        {
            // From 3.10 the table says where the first line starts; before, the first line is implied by firstlineno.
            items.Add(new SetLineno(1));
        }
        if (Has("RESUME"))
        {
            Emit(items, "RESUME", 0);
        }

        Lower(items, program, 0);
        Emit(items, "LOAD_CONST", PyNone.Instance);
        Emit(items, "RETURN_VALUE");
        code.CodeList = MergeAdjacentLabels(items);
        return code;
    }

    // Labels at the same place are one place: a block's end label right after an inner block's is merged into it.
    private static CodeList MergeAdjacentLabels(CodeList items)
    {
        var same = new Dictionary<Label, Label>();
        var merged = new CodeList();
        foreach (var item in items)
        {
            if (item is Label l && merged.Count > 0 && merged[^1] is Label before)
            {
                same[l] = before;
                continue;
            }

            merged.Add(item);
        }

        Label Of(Label l) => same.TryGetValue(l, out var to) ? to : l;
        var regions = new Dictionary<ExceptionRegion, ExceptionRegion>();
        ExceptionRegion Region(ExceptionRegion r) =>
            regions.TryGetValue(r, out var n) ? n : regions[r] = new ExceptionRegion(Of(r.Handler), r.Depth, r.Lasti);
        for (var i = 0; i < merged.Count; i++)
        {
            merged[i] = merged[i] switch
            {
                Instr { Arg: Label target } ins => new Instr(ins.Opcode, Of(target)),
                TryBegin b => new TryBegin(Region(b.Region)),
                TryEnd e => new TryEnd(Region(e.Region)),
                var other => other,
            };
        }

        return merged;
    }

    private bool Has(string name) => t.TryGetOpcode(name, out _);

    private void Emit(CodeList items, string name, object? arg = null) => items.Add(new Instr(t[name], arg));

    private void Lower(CodeList items, ProgramNode[] block, int depth)
    {
        foreach (var node in block)
        {
            switch (node)
            {
                case Straight { Kind: 0 } s:
                    Emit(items, "LOAD_CONST", new PyInt(s.Value));
                    Emit(items, "POP_TOP");
                    break;
                case Straight { Kind: 1 } s:
                    Emit(items, "LOAD_CONST", new PyString("v" + s.Value));
                    Emit(items, "STORE_NAME", "n" + (s.Value & 3));
                    break;
                case Straight s:
                    Emit(items, "LOAD_NAME", "n" + (s.Value & 3));
                    Emit(items, "LOAD_CONST", new PyInt(s.Value));
                    if (Has("BINARY_OP"))
                    {
                        Emit(items, "BINARY_OP", new NamedArg(0, "+"));
                    }
                    else
                    {
                        Emit(items, "BINARY_ADD");
                    }

                    Emit(items, "POP_TOP");
                    break;
                case IfElse d:
                    IfElseLowering(items, d, depth);
                    break;
                case ForLoop l:
                    LoopLowering(items, l, depth);
                    break;
                case Protected p:
                    ProtectedLowering(items, p, depth);
                    break;
            }
        }
    }

    private void IfElseLowering(CodeList items, IfElse d, int depth)
    {
        var otherwise = new Label();
        var end = new Label();
        Emit(items, "LOAD_NAME", "c");
        if (Has("TO_BOOL"))
        {
            Emit(items, "TO_BOOL");
        }

        Emit(items, Has("POP_JUMP_IF_FALSE") ? "POP_JUMP_IF_FALSE" : "POP_JUMP_FORWARD_IF_FALSE", otherwise);
        Lower(items, d.Then, depth);
        Emit(items, "JUMP_FORWARD", end);
        items.Add(otherwise);
        Lower(items, d.Else, depth);
        items.Add(end);
    }

    private void LoopLowering(CodeList items, ForLoop l, int depth)
    {
        var head = new Label();
        var exit = new Label();
        Emit(items, "LOAD_CONST", new PyTuple(new PyInt(1), new PyInt(2)));
        Emit(items, "GET_ITER");
        items.Add(head);
        Emit(items, "FOR_ITER", exit);
        Emit(items, "STORE_NAME", "i");
        Lower(items, l.Body, depth + 1);
        Emit(items, Has("JUMP_BACKWARD") ? "JUMP_BACKWARD" : "JUMP_ABSOLUTE", head);
        items.Add(exit);
        if (version >= PythonVersion.V3_12)
        {
            Emit(items, "END_FOR");
            if (version >= PythonVersion.V3_13)
            {
                Emit(items, "POP_TOP");
            }
        }
    }

    private void ProtectedLowering(CodeList items, Protected p, int depth)
    {
        var handler = new Label();
        var end = new Label();
        if (version >= PythonVersion.V3_11)
        {
            // The region keeps the loop iterators below it (one per enclosing loop).
            var region = new ExceptionRegion(handler, depth, p.Lasti);
            items.Add(new TryBegin(region));
            Lower(items, p.Body, depth);
            items.Add(new TryEnd(region));
            Emit(items, "JUMP_FORWARD", end);
            items.Add(handler);
            Emit(items, "POP_TOP");
            if (p.Lasti)
            {
                Emit(items, "POP_TOP");
            }
        }
        else
        {
            Emit(items, version <= PythonVersion.V3_7 ? "SETUP_EXCEPT" : "SETUP_FINALLY", handler);
            Lower(items, p.Body, depth);
            Emit(items, "POP_BLOCK");
            Emit(items, "JUMP_FORWARD", end);
            items.Add(handler);
            Emit(items, "POP_TOP");
            Emit(items, "POP_TOP");
            Emit(items, "POP_TOP");
            if (version >= PythonVersion.V3_6)
            {
                Emit(items, "POP_EXCEPT");
            }
        }

        items.Add(end);
    }
}
