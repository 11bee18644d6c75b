using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>What CPython's flow-graph pass does after code generation that changes opcodes: nothing before 3.13.</summary>
internal class PeepholeLowering
{
    public void Apply(Code code)
    {
        StaticSwaps.Run(code);
        Run(code);
        foreach (var item in code.CodeList)
        {
            if (item is Instr { Arg: Code nested })
            {
                Apply(nested);
            }
        }
    }

    protected virtual void Run(Code code)
    {
    }

    /// <summary>The local's slot (parameters and locals first, as the layout put them), or -1.</summary>
    protected static int Slot(Code code, string name) => code.Dialect.UsesLocalsPlus
        ? code.LocalsPlus.FindIndex(l => l.Name.Value == name)
        : code.VarNames.FindIndex(v => v.Value == name);

    protected static bool IsOp(CodeItem item, string name) => item is Instr i && i.Opcode.Name == name;

    /// <summary>Whether nothing but same-line markers separates items a and b (same basic block, same line).</summary>
    protected static bool Adjacent(CodeList list, int a, int b) => b == a + 1;
}

/// <summary>3.13: LOAD_FAST_LOAD_FAST, STORE_FAST_LOAD_FAST, STORE_FAST_STORE_FAST for slots below 16 on one line.</summary>
internal class PeepholeLowering313 : PeepholeLowering
{
    protected override void Run(Code code)
    {
        var list = code.CodeList;
        var table = code.Table;
        for (var k = 0; k + 1 < list.Count; k++)
        {
            if (list[k] is not Instr first || list[k + 1] is not Instr second
                || first.Arg is not string a || second.Arg is not string b || Slot(code, a) is < 0 or >= 16 || Slot(code, b) is < 0 or >= 16)
            {
                continue;
            }

            var super = (first.Opcode.Name, second.Opcode.Name) switch
            {
                ("LOAD_FAST", "LOAD_FAST") => "LOAD_FAST_LOAD_FAST",
                ("STORE_FAST", "LOAD_FAST") => "STORE_FAST_LOAD_FAST",
                ("STORE_FAST", "STORE_FAST") => "STORE_FAST_STORE_FAST",
                _ => null,
            };
            if (super is not null && table.TryGetOpcode(super, out var op))
            {
                list[k] = new Instr(op, new LocalPair(a, b));
                list.RemoveAt(k + 1);
            }
        }
    }
}

/// <summary>
/// 3.14+: also LOAD_FAST_BORROW (and its pair form) for a local whose value is used up in the same basic block before the
/// local is stored or deleted — the references CPython's own pass proves safe to borrow (a conservative subset).
/// </summary>
internal class PeepholeLowering314 : PeepholeLowering313
{
    /// <summary>3.15: GET_ITER keeps the iterable as the running iterator's first stack item (a reference that outlives the block).</summary>
    protected virtual bool IteratorKeepsIterable => false;

    protected override void Run(Code code)
    {
        Borrow(code);
        base.Run(code);
        var list = code.CodeList;
        for (var k = 0; k < list.Count; k++)
        {
            if (list[k] is Instr { Opcode.Name: "LOAD_FAST_LOAD_FAST" } pair && Borrowed.Contains(pair))
            {
                list[k] = new Instr(code.Table["LOAD_FAST_BORROW_LOAD_FAST_BORROW"], pair.Arg);
            }
        }

        Borrowed.Clear();
    }

    private HashSet<Instr> Borrowed { get; } = new(ReferenceEqualityComparer.Instance);

    private void Borrow(Code code)
    {
        var list = code.CodeList;
        var stack = new List<int>();   // list index of the LOAD_FAST that pushed each item, or -1
        var safe = new HashSet<int>();
        var unsafeLoads = new HashSet<int>();
        void EndBlock()
        {
            foreach (var s in stack)
            {
                if (s >= 0)
                {
                    unsafeLoads.Add(s);
                }
            }

            stack.Clear();
        }

        for (var k = 0; k < list.Count; k++)
        {
            if (list[k] is not Instr ins)
            {
                if (list[k] is Label or TryBegin or TryEnd)
                {
                    EndBlock();
                }

                continue;
            }

            if (!ins.Opcode.HasStackEffect || !TryEffect(ins, out var pop, out var push))
            {
                EndBlock();
                continue;
            }

            if (ins.Opcode.Name == "STORE_FAST" && stack.Count > 0 && stack[^1] >= 0)
            {
                unsafeLoads.Add(stack[^1]);   // a value stored into a local must be an owned reference
            }

            if (ins.Opcode.Name is "STORE_FAST" or "DELETE_FAST" && ins.Arg is string killed)
            {
                foreach (var s in stack)
                {
                    if (s >= 0 && list[s] is Instr { Arg: string loaded } && loaded == killed)
                    {
                        unsafeLoads.Add(s);
                    }
                }
            }

            // COPY and SWAP move references without consuming them (as CPython's own analysis models them).
            if (ins.Opcode.Name is "COPY" or "SWAP" && ins.Arg is int n && n >= 1 && n <= stack.Count)
            {
                if (ins.Opcode.Name == "COPY")
                {
                    stack.Add(stack[^n]);
                }
                else
                {
                    (stack[^1], stack[^n]) = (stack[^n], stack[^1]);
                }

                continue;
            }

            if (IteratorKeepsIterable && ins.Opcode.Name == "GET_ITER" && pop == 1 && push >= 1 && stack.Count > 0)
            {
                var iterable = stack[^1];
                stack.RemoveAt(stack.Count - 1);
                stack.Add(iterable);
                for (var p = 1; p < push; p++)
                {
                    stack.Add(-1);
                }

                continue;
            }

            for (var p = 0; p < pop && stack.Count > 0; p++)
            {
                var s = stack[^1];
                stack.RemoveAt(stack.Count - 1);
                if (s >= 0)
                {
                    safe.Add(s);
                }
            }

            for (var p = 0; p < push; p++)
            {
                stack.Add(ins.Opcode.Name == "LOAD_FAST" && p == 0 ? k : -1);
            }

            if (BytecodeEndsBlock(ins))
            {
                EndBlock();
            }
        }

        EndBlock();
        foreach (var k in safe)
        {
            if (!unsafeLoads.Contains(k) && list[k] is Instr load && !LayoutHints.IsCold(load))
            {
                var borrowed = new Instr(code.Table["LOAD_FAST_BORROW"], load.Arg);
                list[k] = borrowed;
            }
        }

        // Pairs are formed afterwards from two borrowed loads.
        for (var k = 0; k + 1 < list.Count; k++)
        {
            if (list[k] is Instr { Opcode.Name: "LOAD_FAST_BORROW" } a && list[k + 1] is Instr { Opcode.Name: "LOAD_FAST_BORROW" } b
                && a.Arg is string x && b.Arg is string y && Slot(code, x) is >= 0 and < 16 && Slot(code, y) is >= 0 and < 16)
            {
                var pair = new Instr(code.Table["LOAD_FAST_LOAD_FAST"], new LocalPair(x, y));
                Borrowed.Add(pair);
                list[k] = pair;
                list.RemoveAt(k + 1);
            }
        }
    }

    private static bool BytecodeEndsBlock(Instr ins) => ins.Arg is Label
        || ins.Opcode.Name is "RETURN_VALUE" or "RAISE_VARARGS" or "RERAISE" or "YIELD_VALUE" or "SEND" or "FOR_ITER";

    private static bool TryEffect(Instr ins, out int pop, out int push)
    {
        var arg = ins.Arg switch
        {
            int i => i,
            GlobalName g => g.PushNull ? 1 : 0,
            AttrName a => a.IsMethod ? 1 : 0,
            NamedArg n => n.Value,
            LocalPair => 0,
            _ => 0,
        };
        try
        {
            var e = ins.Opcode.StackEffect(arg, jump: false);
            (pop, push) = (e.Pop, e.Push);
            return true;
        }
        catch (StackEffectUnavailableException)
        {
            (pop, push) = (0, 0);
            return false;
        }
    }
}

/// <summary>3.15: as 3.14, but a local iterated by a for loop stays on the stack as the iterator, so it is loaded owned.</summary>
internal sealed class PeepholeLowering315 : PeepholeLowering314
{
    protected override bool IteratorKeepsIterable => true;
}
