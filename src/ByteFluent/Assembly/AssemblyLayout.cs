using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>The laid-out code: instructions with offsets and arguments, bytes, line marks and exception entries.</summary>
internal sealed class AssemblyLayout
{
    /// <summary>The instructions, placed.</summary>
    public required List<AssemblySlot> Slots { get; init; }

    /// <summary>Label → index of the instruction it precedes.</summary>
    public required Dictionary<Label, int> LabelSlot { get; init; }

    /// <summary>co_code.</summary>
    public required byte[] Code { get; init; }

    /// <summary>Where positions change.</summary>
    public required List<LineMark> Marks { get; init; }

    /// <summary>3.11+ exception table entries.</summary>
    public required List<ExceptionTableEntry> Exceptions { get; init; }

    /// <summary>The tables the arguments index.</summary>
    public required AssemblyTables Tables { get; init; }

    /// <summary>An emptied list <see cref="Flow"/> fills instead of a new one (see <see cref="AssemblerScratch"/>).</summary>
    public List<FlowInstruction>? FlowBuffer { get; init; }

    private List<FlowInstruction>? flow;

    /// <summary>
    /// The instructions as the flow analyses see them (jump targets and handlers as instruction indexes), built once:
    /// the verifier and the stack size both read it.
    /// </summary>
    public List<FlowInstruction> Flow() => flow ??= BuildFlow();

    private List<FlowInstruction> BuildFlow()
    {
        var flow = FlowBuffer ?? new List<FlowInstruction>(Slots.Count);
        flow.Clear();
        flow.EnsureCapacity(Slots.Count);
        foreach (ref readonly var s in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Slots))
        {
            flow.Add(new FlowInstruction(
                s.Op,
                s.Arg,
                s.Jump is null ? -1 : LabelSlot[s.Jump],
                s.Region is { } r ? new FlowHandler(LabelSlot[r.Handler], r.Depth, r.Lasti) : null,
                s.Op.HasConst && s.Op.Name == "LOAD_CONST" ? s.Instr.Arg : null));
        }

        return flow;
    }
}
