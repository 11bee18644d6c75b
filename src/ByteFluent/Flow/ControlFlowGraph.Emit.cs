using ByteFluent.Model;

namespace ByteFluent.Flow;

public sealed partial class ControlFlowGraph
{
    /// <summary>
    /// The code list of the blocks in their order: each block's header and items. Where a header's region markers no
    /// longer turn the regions open before it into the block's <see cref="BasicBlock.Regions"/> (after an edit), they
    /// are replaced by the <see cref="TryEnd"/>/<see cref="TryBegin"/> markers that do; jumps whose opcode says a
    /// direction (3.11+ JUMP_FORWARD/JUMP_BACKWARD, 3.11's POP_JUMP_FORWARD_IF_*/POP_JUMP_BACKWARD_IF_*) get the
    /// opcode of the direction their target now lies in.
    /// </summary>
    public CodeList ToCodeList()
    {
        var list = new CodeList();
        var open = new List<ExceptionRegion>();
        var position = new Dictionary<Label, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < blocks.Count; i++)
        {
            foreach (var item in blocks[i].HeaderItems)
            {
                if (item is Label l)
                {
                    position.TryAdd(l, i);
                }
            }
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (HeaderReaches(block, open))
            {
                list.AddRange(block.HeaderItems);
            }
            else
            {
                WriteRegionChange(list, open, block.Regions);
                foreach (var item in block.HeaderItems)
                {
                    if (item is not (TryBegin or TryEnd))
                    {
                        list.Add(item);
                    }
                }
            }

            open.Clear();
            open.AddRange(block.Regions);
            foreach (var item in block.Items)
            {
                list.Add(item is Instr ins ? Directed(ins, i, position) : item);
            }
        }

        var trailerFits = true;
        var rest = new List<ExceptionRegion>(open);
        foreach (var item in TrailerItems)
        {
            if (item is TryEnd e && !rest.Remove(e.Region))
            {
                trailerFits = false;
            }
            else if (item is TryBegin b)
            {
                rest.Add(b.Region);
            }
        }

        if (trailerFits)
        {
            list.AddRange(TrailerItems);
        }
        else
        {
            WriteRegionChange(list, open, []);
            list.AddRange(TrailerItems.Where(t => t is not (TryBegin or TryEnd)));
        }

        return list;
    }

    /// <summary>
    /// A copy of <see cref="Code"/> (every attribute and table, the same constants) whose code list is
    /// <see cref="ToCodeList"/>. Assemble it with <see cref="Model.Code.ToCode(Versions.PythonVersion?)"/>, which
    /// runs the assembler's checks and the stack-depth verification.
    /// </summary>
    public Code ToCode()
    {
        var c = Code;
        return new Code(c.Table)
        {
            ArgCount = c.ArgCount,
            PosOnlyArgCount = c.PosOnlyArgCount,
            KwOnlyArgCount = c.KwOnlyArgCount,
            Flags = c.Flags,
            Consts = [.. c.Consts],
            Names = [.. c.Names],
            VarNames = [.. c.VarNames],
            CellVars = [.. c.CellVars],
            FreeVars = [.. c.FreeVars],
            LocalsPlus = [.. c.LocalsPlus],
            Filename = c.Filename,
            Name = c.Name,
            QualName = c.QualName,
            FirstLineNo = c.FirstLineNo,
            DeclaredStackSize = c.DeclaredStackSize,
            CodeList = ToCodeList(),
        };
    }

    /// <summary>Assembles <see cref="ToCode"/> into a code object (nested <see cref="Model.Code"/> constants included).</summary>
    /// <exception cref="InvalidCodeException">An entry cannot be assembled.</exception>
    /// <exception cref="Assembly.StackDepthException">The stack-depth analysis finds underflow or inconsistent depths.</exception>
    public Marshal.PyCode Assemble() => ToCode().ToCode();

    private static bool HeaderReaches(BasicBlock block, List<ExceptionRegion> open)
    {
        var state = new List<ExceptionRegion>(open);
        foreach (var item in block.HeaderItems)
        {
            switch (item)
            {
                case TryBegin b:
                    state.Add(b.Region);
                    break;
                case TryEnd e when !state.Remove(e.Region):
                    return false;
            }
        }

        var want = block.Regions;
        if (state.Count != want.Count)
        {
            return false;
        }

        for (var k = 0; k < want.Count; k++)
        {
            if (!ReferenceEquals(state[k], want[k]))
            {
                return false;
            }
        }

        return true;
    }

    // Closes what is open beyond the common prefix (innermost first), then opens the rest of `want`.
    private static void WriteRegionChange(List<CodeItem> list, List<ExceptionRegion> open, IReadOnlyList<ExceptionRegion> want)
    {
        var common = 0;
        while (common < open.Count && common < want.Count && ReferenceEquals(open[common], want[common]))
        {
            common++;
        }

        for (var k = open.Count - 1; k >= common; k--)
        {
            list.Add(new TryEnd(open[k]));
        }

        for (var k = common; k < want.Count; k++)
        {
            list.Add(new TryBegin(want[k]));
        }
    }

    private Instr Directed(Instr ins, int blockIndex, Dictionary<Label, int> position)
    {
        if (ins.Arg is not Label l || !position.TryGetValue(l, out var target) || Strategy.ForDirection(ins.Opcode, target <= blockIndex) is not { } other)
        {
            return ins;
        }

        return new Instr(other, l) { MinimumPrefixes = ins.MinimumPrefixes };
    }
}
