using ByteFluent.Model;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;

namespace ByteFluent.Portable.Lowering;

/// <summary>
/// What a pattern being compiled keeps on the stack, as CPython's compiler tracks it: the names captured so far (their
/// values wait on the stack, first capture on top), how many working items sit above them, and the failure labels
/// (label k pops k items, then falls through to label k-1).
/// </summary>
internal sealed class PatternContext
{
    public List<string> Stores { get; set; } = [];

    public bool AllowIrrefutable { get; set; }

    public List<Label> FailPop { get; set; } = [];

    public int OnTop { get; set; }
}

/// <summary>Before 3.10: there is no <c>match</c> statement.</summary>
internal class MatchLowering
{
    public static MatchLowering For(PythonVersion v) => v.Major == 2 || v.Minor < 10 ? new MatchLowering() : v.Minor == 10 ? new MatchLowering310() : new MatchLowering311();

    public virtual void Match(CodeGen g, MatchStmt m) => throw g.NotOn("match").Because("the match statement is 3.10+");

    /// <summary>Whether control never passes the statement: every body exits and the last case (without a guard) cannot fail.</summary>
    public static bool AlwaysExits(MatchStmt m) =>
        m.Cases[^1] is { Guard: null, Pattern: AsPattern { Pattern: null } } && m.Cases.All(c => CodeGen.EndsTerminal(c.Body));
}

/// <summary>
/// 3.10: CPython's pattern compiler — DUP_TOP / ROT_N, MATCH_CLASS and MATCH_KEYS push a success flag, attributes and
/// mapping values are taken from their tuple by index, <c>**rest</c> with COPY_DICT_WITHOUT_KEYS.
/// </summary>
internal class MatchLowering310 : MatchLowering
{
    public override void Match(CodeGen g, MatchStmt m)
    {
        g.Expr(m.Subject);
        var end = new Label();
        var cases = m.Cases.Count;
        var hasDefault = PatternWalk.IsWildcard(m.Cases[^1].Pattern) && cases > 1 ? 1 : 0;
        var before = new HashSet<string>(g.Assigned);
        for (var i = 0; i < cases - hasDefault; i++)
        {
            var c = m.Cases[i];
            g.Line(c.Line);
            var keepSubject = i != cases - hasDefault - 1;
            if (keepSubject)
            {
                Copy(g);
            }

            var pc = new PatternContext { AllowIrrefutable = c.Guard is not null || i == cases - 1 };
            EmitPattern(g, c.Pattern, pc);
            foreach (var name in pc.Stores)
            {
                g.StoreName(name);
            }

            if (c.Guard is not null)
            {
                EnsureFailPop(pc, 0);
                g.Condition(c.Guard, false, pc.FailPop[0]);
            }

            if (keepSubject)
            {
                g.Op("POP_TOP");
            }

            g.Body(c.Body);
            if (!CodeGen.EndsTerminal(c.Body))
            {
                g.Era.Jumps.Jump(g, end);
            }

            g.Line(c.Line);
            EmitAndResetFailPop(g, pc);
            g.Assigned = new HashSet<string>(before);
        }

        if (hasDefault == 1)
        {
            var c = m.Cases[^1];
            g.Line(c.Line);
            g.Op("NOP");   // CPython keeps the line event of the trailing "case _:"
            if (c.Guard is not null)
            {
                g.Condition(c.Guard, false, end);
            }

            g.Body(c.Body);
        }

        g.Mark(end);
        g.Assigned = before;
    }

    // ---- the pattern context ----
    protected static void EnsureFailPop(PatternContext pc, int n)
    {
        while (pc.FailPop.Count <= n)
        {
            pc.FailPop.Add(new Label());
        }
    }

    /// <summary>The label that pops what is on top and the captures so far.</summary>
    protected static Label FailTarget(PatternContext pc)
    {
        var pops = pc.OnTop + pc.Stores.Count;
        EnsureFailPop(pc, pops);
        return pc.FailPop[pops];
    }

    protected static void JumpIfFalse(CodeGen g, PatternContext pc) => g.Era.Jumps.JumpIf(g, false, FailTarget(pc), isBool: true);

    protected static void EmitAndResetFailPop(CodeGen g, PatternContext pc)
    {
        if (pc.FailPop.Count == 0)
        {
            return;
        }

        for (var k = pc.FailPop.Count - 1; k > 0; k--)
        {
            g.Mark(pc.FailPop[k]);
            g.Op("POP_TOP");
        }

        g.Mark(pc.FailPop[0]);
        pc.FailPop = [];
    }

    protected static void Copy(CodeGen g) => g.Era.Operators.DupTop(g);

    /// <summary>Moves the top item <paramref name="count"/> - 1 places down.</summary>
    protected virtual void Rotate(CodeGen g, int count)
    {
        // 3.10 emits ROT_N, which its optimizer renames ROT_TWO / ROT_THREE / ROT_FOUR (and drops for 1); n adjacent
        // rotations by n cancel out, and the optimizer removes them.
        if (count > 1 && CancelsRotations(g.Code.CodeList, count))
        {
            return;
        }

        switch (count)
        {
            case <= 1:
                break;
            case 2:
                g.Op("ROT_TWO");
                break;
            case 3:
                g.Op("ROT_THREE");
                break;
            case 4:
                g.Op("ROT_FOUR");
                break;
            default:
                g.Op("ROT_N", count);
                break;
        }
    }

    private static bool CancelsRotations(CodeList list, int n)
    {
        if (list.Count < n - 1)
        {
            return false;
        }

        for (var k = list.Count - n + 1; k < list.Count; k++)
        {
            if (list[k] is not Instr i || RotationCount(i) != n)
            {
                return false;
            }
        }

        list.RemoveRange(list.Count - n + 1, n - 1);
        return true;
    }

    private static int RotationCount(Instr i) => i.Opcode.Name switch
    {
        "ROT_TWO" => 2,
        "ROT_THREE" => 3,
        "ROT_FOUR" => 4,
        "ROT_N" => (int)i.Arg!,
        _ => 0,
    };

    protected void StoreName(CodeGen g, string? name, PatternContext pc)
    {
        if (name is null)
        {
            g.Op("POP_TOP");
            return;
        }

        if (pc.Stores.Contains(name))
        {
            throw new ArgumentException($"multiple assignments to name '{name}' in pattern");
        }

        Rotate(g, pc.OnTop + pc.Stores.Count + 1);
        pc.Stores.Add(name);
    }

    // ---- patterns ----
    protected void EmitPattern(CodeGen g, Pattern p, PatternContext pc)
    {
        switch (p)
        {
            case ValuePattern v:
                g.Expr(v.Value);
                g.Era.Operators.Compare(g, CompareOperator.Equal, toBool: true);
                JumpIfFalse(g, pc);
                break;
            case SingletonPattern s:
                Singleton(g, s.Value, pc);
                break;
            case AsPattern a:
                As(g, a, pc);
                break;
            case StarPattern s:
                StoreName(g, s.Name, pc);
                break;
            case SequencePattern s:
                Sequence(g, s, pc);
                break;
            case MappingPattern m:
                Mapping(g, m, pc);
                break;
            case ClassPattern c:
                Class(g, c, pc);
                break;
            case OrPattern o:
                Or(g, o, pc);
                break;
            default:
                throw new PortableNotSupportedException($"the pattern {p.GetType().Name}");
        }
    }

    /// <summary>A pattern inside another one: irrefutable is fine there.</summary>
    protected void Subpattern(CodeGen g, Pattern p, PatternContext pc)
    {
        var allow = pc.AllowIrrefutable;
        pc.AllowIrrefutable = true;
        EmitPattern(g, p, pc);
        pc.AllowIrrefutable = allow;
    }

    protected virtual void Singleton(CodeGen g, bool? value, PatternContext pc)
    {
        g.LoadConst(value);
        g.Era.Operators.Compare(g, CompareOperator.Is, toBool: true);
        JumpIfFalse(g, pc);
    }

    private void As(CodeGen g, AsPattern a, PatternContext pc)
    {
        if (a.Pattern is null)
        {
            if (!pc.AllowIrrefutable)
            {
                throw new ArgumentException(a.Name is null
                    ? "wildcard makes remaining patterns unreachable"
                    : $"name capture '{a.Name}' makes remaining patterns unreachable");
            }

            StoreName(g, a.Name, pc);
            return;
        }

        pc.OnTop++;
        Copy(g);
        EmitPattern(g, a.Pattern, pc);
        pc.OnTop--;
        StoreName(g, a.Name, pc);
    }

    private void Sequence(CodeGen g, SequencePattern s, PatternContext pc)
    {
        var items = s.Items;
        var size = items.Count;
        var star = -1;
        var onlyWildcard = true;
        var starWildcard = false;
        for (var i = 0; i < size; i++)
        {
            if (items[i] is StarPattern sp)
            {
                star = i;
                starWildcard = sp.Name is null;
                continue;
            }

            onlyWildcard &= PatternWalk.IsWildcard(items[i]);
        }

        pc.OnTop++;
        g.Op("MATCH_SEQUENCE");
        JumpIfFalse(g, pc);
        if (star < 0)
        {
            LengthCheck(g, pc, size, CompareOperator.Equal);
        }
        else if (size > 1)
        {
            LengthCheck(g, pc, size - 1, CompareOperator.GreaterEqual);
        }

        pc.OnTop--;
        if (onlyWildcard)
        {
            g.Op("POP_TOP");
        }
        else if (starWildcard)
        {
            SequenceSubscripts(g, items, star, pc);
        }
        else
        {
            SequenceUnpack(g, items, star, pc);
        }
    }

    protected static void LengthCheck(CodeGen g, PatternContext pc, int n, CompareOperator op)
    {
        g.Op("GET_LEN");
        g.LoadConst(n);
        g.Era.Operators.Compare(g, op, toBool: false);
        JumpIfFalse(g, pc);
    }

    private void SequenceUnpack(CodeGen g, IReadOnlyList<Pattern> items, int star, PatternContext pc)
    {
        if (star < 0)
        {
            g.Op("UNPACK_SEQUENCE", items.Count);
        }
        else
        {
            g.Op("UNPACK_EX", star | ((items.Count - star - 1) << 8));
        }

        pc.OnTop += items.Count;
        foreach (var item in items)
        {
            pc.OnTop--;
            Subpattern(g, item, pc);
        }
    }

    /// <summary>With a <c>*_</c>: each other item by index (negative ones from GET_LEN), no unpacking.</summary>
    private void SequenceSubscripts(CodeGen g, IReadOnlyList<Pattern> items, int star, PatternContext pc)
    {
        pc.OnTop++;
        var size = items.Count;
        for (var i = 0; i < size; i++)
        {
            if (PatternWalk.IsWildcard(items[i]) || i == star)
            {
                continue;
            }

            Copy(g);
            if (i < star)
            {
                g.LoadConst(i);
            }
            else
            {
                g.Op("GET_LEN");
                g.LoadConst(size - i);
                g.Era.Operators.Binary(g, BinaryOperator.Subtract, inPlace: false);
            }

            g.Era.Operators.SubscriptOnStack(g);
            Subpattern(g, items[i], pc);
        }

        pc.OnTop--;
        g.Op("POP_TOP");
    }

    protected static void LoadKeys(CodeGen g, MappingPattern m)
    {
        var seen = new HashSet<object?>();
        foreach (var (key, _) in m.Items)
        {
            switch (key)
            {
                case ConstExpr c when !seen.Add(c.Value):
                    throw new ArgumentException($"mapping pattern checks duplicate key ({c.Value})");
                case ConstExpr or AttrExpr:
                    break;
                default:
                    throw new ArgumentException("mapping pattern keys may only match literals and attribute lookups");
            }
        }

        g.Expr(new CollectionExpr(CollectionKind.Tuple, [.. m.Items.Select(i => i.Key)]));
    }

    protected virtual void Mapping(CodeGen g, MappingPattern m, PatternContext pc)
    {
        var size = m.Items.Count;
        if (!MappingStart(g, m, pc))
        {
            return;
        }

        g.Op("MATCH_KEYS");
        pc.OnTop += 2;
        JumpIfFalse(g, pc);
        for (var i = 0; i < size; i++)
        {
            var p = m.Items[i].Value;
            if (PatternWalk.IsWildcard(p))
            {
                continue;
            }

            Copy(g);
            g.LoadConst(i);
            g.Era.Operators.SubscriptOnStack(g);
            Subpattern(g, p, pc);
        }

        pc.OnTop -= 2;
        g.Op("POP_TOP");
        if (m.Rest is not null)
        {
            g.Op("COPY_DICT_WITHOUT_KEYS");
            StoreName(g, m.Rest, pc);
        }
        else
        {
            g.Op("POP_TOP");
        }

        pc.OnTop--;
        g.Op("POP_TOP");
    }

    /// <summary>MATCH_MAPPING, the length check and the keys; false when the pattern is just <c>{}</c> (done).</summary>
    protected static bool MappingStart(CodeGen g, MappingPattern m, PatternContext pc)
    {
        var size = m.Items.Count;
        pc.OnTop++;
        g.Op("MATCH_MAPPING");
        JumpIfFalse(g, pc);
        if (size == 0 && m.Rest is null)
        {
            pc.OnTop--;
            g.Op("POP_TOP");
            return false;
        }

        if (size > 0)
        {
            LengthCheck(g, pc, size, CompareOperator.GreaterEqual);
        }

        LoadKeys(g, m);
        return true;
    }

    protected static IReadOnlyList<Pattern> ClassStart(CodeGen g, ClassPattern c)
    {
        g.Expr(c.Class);
        g.LoadConst(c.Keywords.Select(k => (object?)k.Name).ToArray());
        g.Op("MATCH_CLASS", c.Positional.Count);
        return [.. c.Positional, .. c.Keywords.Select(k => k.Value)];
    }

    protected virtual void Class(CodeGen g, ClassPattern c, PatternContext pc)
    {
        var all = ClassStart(g, c);
        pc.OnTop++;
        JumpIfFalse(g, pc);
        for (var i = 0; i < all.Count; i++)
        {
            if (PatternWalk.IsWildcard(all[i]))
            {
                continue;
            }

            Copy(g);
            g.LoadConst(i);
            g.Era.Operators.SubscriptOnStack(g);
            Subpattern(g, all[i], pc);
        }

        pc.OnTop--;
        g.Op("POP_TOP");
    }

    private void Or(CodeGen g, OrPattern o, PatternContext pc)
    {
        var end = new Label();
        var size = o.Alternatives.Count;
        var old = (pc.Stores, pc.AllowIrrefutable, pc.FailPop, pc.OnTop);
        List<string>? control = null;
        for (var i = 0; i < size; i++)
        {
            pc.Stores = [];
            pc.AllowIrrefutable = i == size - 1 && old.AllowIrrefutable;
            pc.FailPop = [];
            pc.OnTop = 0;
            Copy(g);
            EmitPattern(g, o.Alternatives[i], pc);
            if (control is null)
            {
                control = pc.Stores;
            }
            else if (pc.Stores.Count != control.Count)
            {
                throw new ArgumentException("alternative patterns bind different names");
            }
            else if (pc.Stores.Count > 0)
            {
                Reorder(g, control, pc.Stores);
            }

            g.Era.Jumps.Jump(g, end);
            EmitAndResetFailPop(g, pc);
        }

        (pc.Stores, pc.AllowIrrefutable, pc.FailPop, pc.OnTop) = old;
        g.Op("POP_TOP");
        g.Era.Jumps.Jump(g, FailTarget(pc));
        g.Mark(end);
        var nstores = control!.Count;
        var rotations = nstores + 1 + pc.OnTop + pc.Stores.Count;
        foreach (var name in control)
        {
            Rotate(g, rotations);
            if (pc.Stores.Contains(name))
            {
                throw new ArgumentException($"multiple assignments to name '{name}' in pattern");
            }

            pc.Stores.Add(name);
        }

        g.Op("POP_TOP");
    }

    /// <summary>Puts an alternative's captures on the stack in the first alternative's order (CPython's rotations).</summary>
    private void Reorder(CodeGen g, List<string> control, List<string> stores)
    {
        for (var icontrol = control.Count - 1; icontrol >= 0; icontrol--)
        {
            var istores = stores.IndexOf(control[icontrol]);
            if (istores < 0)
            {
                throw new ArgumentException("alternative patterns bind different names");
            }

            if (icontrol == istores)
            {
                continue;
            }

            var rotations = istores + 1;
            var moved = stores.GetRange(0, rotations);
            stores.RemoveRange(0, rotations);
            stores.InsertRange(icontrol - istores, moved);
            for (var r = 0; r < rotations; r++)
            {
                Rotate(g, icontrol + 1);
            }
        }
    }
}

/// <summary>
/// 3.11+: COPY / SWAP, MATCH_CLASS and MATCH_KEYS push a tuple or None (tested with POP_JUMP_IF_NONE) that is unpacked,
/// <c>None</c> patterns with POP_JUMP_IF_NOT_NONE, <c>**rest</c> built with BUILD_MAP / DICT_UPDATE / DELETE_SUBSCR.
/// </summary>
internal sealed class MatchLowering311 : MatchLowering310
{
    protected override void Rotate(CodeGen g, int count)
    {
        while (count > 1)
        {
            g.Op("SWAP", count--);
        }
    }

    protected override void Singleton(CodeGen g, bool? value, PatternContext pc)
    {
        if (value is null)
        {
            // LOAD_CONST None; IS_OP; POP_JUMP_IF_FALSE is folded to one None jump.
            g.Era.Jumps.JumpIfNone(g, false, FailTarget(pc));
            return;
        }

        base.Singleton(g, value, pc);
    }

    private static void JumpIfNone(CodeGen g, PatternContext pc)
    {
        g.Op("COPY", 1);
        g.Era.Jumps.JumpIfNone(g, true, FailTarget(pc));
    }

    protected override void Class(CodeGen g, ClassPattern c, PatternContext pc)
    {
        var all = ClassStart(g, c);
        pc.OnTop++;
        JumpIfNone(g, pc);
        g.Op("UNPACK_SEQUENCE", all.Count);
        pc.OnTop += all.Count - 1;
        foreach (var p in all)
        {
            pc.OnTop--;
            if (PatternWalk.IsWildcard(p))
            {
                g.Op("POP_TOP");
                continue;
            }

            Subpattern(g, p, pc);
        }
    }

    protected override void Mapping(CodeGen g, MappingPattern m, PatternContext pc)
    {
        var size = m.Items.Count;
        if (!MappingStart(g, m, pc))
        {
            return;
        }

        g.Op("MATCH_KEYS");
        pc.OnTop += 2;
        JumpIfNone(g, pc);
        g.Op("UNPACK_SEQUENCE", size);
        pc.OnTop += size - 1;
        foreach (var (_, p) in m.Items)
        {
            pc.OnTop--;
            Subpattern(g, p, pc);
        }

        pc.OnTop -= 2;
        if (m.Rest is not null)
        {
            // rest = dict(subject); del rest[key] for every key
            g.Op("BUILD_MAP", 0);
            g.Op("SWAP", 3);
            g.Op("DICT_UPDATE", 2);
            g.Op("UNPACK_SEQUENCE", size);
            for (var k = size; k > 0; k--)
            {
                g.Op("COPY", 1 + k);
                g.Op("SWAP", 2);
                g.Op("DELETE_SUBSCR");
            }

            StoreName(g, m.Rest, pc);
        }
        else
        {
            g.Op("POP_TOP");
            g.Op("POP_TOP");
        }
    }
}
