using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Flow;

/// <summary>
/// The control-flow graph of one <see cref="Code"/>: its code list cut into <see cref="BasicBlock"/>s, in layout
/// order, with typed edges (<see cref="EdgeKind"/>) derived from the blocks' last instructions, the block order
/// (fall-through) and the exception regions, by the version's <see cref="FlowStrategy"/>. Edit the blocks, then
/// <see cref="ToCode"/> writes the code list back; an unedited graph gives back the identical code list (the same
/// items in the same order), so <c>Code → graph → Code</c> assembles to the identical code object.
/// </summary>
/// <remarks>
/// Edges are recomputed after any change to the blocks (lazily, on the next query). 2.7–3.10 exception handling is
/// dynamic (a block stack): the graph follows the block stack along its edges (SETUP_* pushes, POP_BLOCK pops, a
/// handler is entered with its block popped), so every block whose instructions run under a handler's block has the
/// <see cref="EdgeKind.Exception"/> edge to it, with the block's level as the handler depth; the SETUP_* instruction's
/// own block has the <see cref="EdgeKind.Setup"/> edge to its target; a BREAK_LOOP goes to the end of the innermost
/// loop block on that stack. None of it depends on the block order.
/// </remarks>
public sealed partial class ControlFlowGraph
{
    private readonly List<BasicBlock> blocks = [];
    private EdgeSet? edges;

    private ControlFlowGraph(Code code)
    {
        Code = code;
        Strategy = FlowStrategy.For(code.Version);
    }

    /// <summary>The code object the graph was built from (its attributes and tables are copied by <see cref="ToCode"/>).</summary>
    public Code Code { get; }

    /// <summary>The version's control-flow rules.</summary>
    public FlowStrategy Strategy { get; }

    /// <summary>The opcode table of the code.</summary>
    public OpcodeTable Table => Code.Table;

    /// <summary>The blocks in layout order; the first is the entry.</summary>
    public IReadOnlyList<BasicBlock> Blocks => blocks;

    /// <summary>The entry block (null only for code without any item).</summary>
    public BasicBlock? Entry => blocks.Count > 0 ? blocks[0] : null;

    /// <summary>
    /// Code-list entries after the last instruction that belong to no block (the exception regions closed at the end
    /// of the code, line markers); a label there makes an empty last block instead.
    /// </summary>
    public IReadOnlyList<CodeItem> Trailer => TrailerItems;

    internal List<CodeItem> TrailerItems { get; } = [];

    /// <summary>Every edge, grouped by source block in layout order.</summary>
    public IReadOnlyList<FlowEdge> Edges => EdgesNow().All;

    /// <summary>Builds the graph of <paramref name="code"/> (its own code list only; nested code objects have graphs of their own).</summary>
    /// <exception cref="InvalidCodeException">The code list has a region closed that is not open, or an entry that is not a code item.</exception>
    public static ControlFlowGraph FromCode(Code code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var graph = new ControlFlowGraph(code);
        graph.Build(code.CodeList);
        return graph;
    }

    /// <summary>The position of <paramref name="block"/> in <see cref="Blocks"/>, or -1.</summary>
    public int IndexOf(BasicBlock block) => EdgesNow().IndexOf(block);

    /// <summary>The block that <paramref name="label"/> starts, or null when no block has it.</summary>
    public BasicBlock? BlockOf(Label label) => EdgesNow().BlockOf(label);

    /// <summary>The edges leaving <paramref name="block"/>.</summary>
    public IReadOnlyList<FlowEdge> SuccessorsOf(BasicBlock block) => EdgesNow().Out(block);

    /// <summary>The edges entering <paramref name="block"/>.</summary>
    public IReadOnlyList<FlowEdge> PredecessorsOf(BasicBlock block) => EdgesNow().In(block);

    /// <summary>Marks the edges for recomputation (done by every edit; call it after changing an instruction's label argument by other means).</summary>
    public void Invalidate() => edges = null;

    private EdgeSet EdgesNow() => edges ??= new EdgeSet(this);

    private void Build(CodeList list)
    {
        var open = new List<ExceptionRegion>();
        BasicBlock? current = null;
        var hasBody = false;
        var closed = true; // the previous instruction ended its block
        var lastInstr = -1;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] is Instr)
            {
                lastInstr = i;
                break;
            }
        }

        var trailerHasLabel = false;
        for (var i = lastInstr + 1; i < list.Count; i++)
        {
            trailerHasLabel |= list[i] is Label;
        }

        var end = trailerHasLabel ? list.Count : lastInstr + 1;
        for (var i = 0; i < end; i++)
        {
            var item = list[i];
            switch (item)
            {
                case Instr ins:
                    if (current is null || closed)
                    {
                        current = NewBlock(open);
                    }

                    current.Items.AddUnchecked(ins);
                    hasBody = true;
                    closed = EndsBlock(ins);
                    break;
                case SetLineno line:
                    if (current is null || closed)
                    {
                        current = NewBlock(open);
                        closed = false;
                        hasBody = false;
                    }

                    if (hasBody)
                    {
                        current.Items.AddUnchecked(line);
                    }
                    else
                    {
                        current.HeaderItems.Add(line);
                    }

                    break;
                case Label or TryBegin or TryEnd:
                    if (current is null || closed || hasBody)
                    {
                        current = NewBlock(open);
                        closed = false;
                        hasBody = false;
                    }

                    current.HeaderItems.Add(item);
                    Apply(open, item, i);
                    current.SetRegionsUnchecked([.. open]);
                    break;
                default:
                    throw new InvalidCodeException(i, item?.ToString() ?? "null", "not a code list entry");
            }
        }

        for (var i = end; i < list.Count; i++)
        {
            TrailerItems.Add(list[i]);
        }

        BasicBlock NewBlock(List<ExceptionRegion> regions)
        {
            var b = new BasicBlock(this, [.. regions]);
            blocks.Add(b);
            hasBody = false;
            return b;
        }
    }

    internal static void Apply(List<ExceptionRegion> open, CodeItem item, int index)
    {
        switch (item)
        {
            case TryBegin b:
                open.Add(b.Region);
                break;
            case TryEnd e:
                if (!open.Remove(e.Region))
                {
                    throw new InvalidCodeException(index, e.ToString(), "the region is not open");
                }

                break;
        }
    }

    /// <summary>Whether control may leave a block after <paramref name="ins"/> other than by falling into the next instruction.</summary>
    internal bool EndsBlock(Instr ins) => Strategy.Classify(ins.Opcode) != InstructionFlow.Next || ins.Arg is Label;
}
