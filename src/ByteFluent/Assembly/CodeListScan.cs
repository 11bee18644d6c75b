using ByteFluent.Model;

namespace ByteFluent.Assembly;

/// <summary>
/// The first assembly step: walks the code list once, resolving each instruction's opcode and argument
/// (<see cref="ArgumentResolver"/>), and collects where labels, line markers and exception regions fall among the
/// instructions. Checks that labels appear once, regions are balanced, and every jump and handler label is present.
/// </summary>
internal sealed class CodeListScan
{
    // Sized from the list once: growing these lists by doubling was a large part of what the assembler allocated. With
    // scratch, its emptied lists (see AssemblerScratch).
    private CodeListScan(int entries, int labels, int marks, AssemblerScratch? scratch)
    {
        if (scratch is null)
        {
            Slots = new List<AssemblySlot>(entries - labels - marks);
            LabelSlot = new Dictionary<Label, int>(labels);
            Marks = new List<LineMark>(marks);
            return;
        }

        Slots = scratch.Slots;
        LabelSlot = scratch.LabelSlot;
        Marks = scratch.Marks;
        Slots.Clear();
        LabelSlot.Clear();
        Marks.Clear();
        Slots.EnsureCapacity(entries - labels - marks);
        LabelSlot.EnsureCapacity(labels);
        Marks.EnsureCapacity(marks);
    }

    /// <summary>The instructions in order.</summary>
    public List<AssemblySlot> Slots { get; }

    /// <summary>For each label, the index of the instruction it precedes (the instruction count: the end).</summary>
    public Dictionary<Label, int> LabelSlot { get; }

    /// <summary>
    /// Line markers with the index of the instruction they precede in <see cref="LineMark.Offset"/> (made byte offsets in
    /// place by <see cref="PositionTables.LineMarks"/>, so the list is not copied).
    /// </summary>
    public List<LineMark> Marks { get; }

    /// <summary>For the markers that point into an instruction's EXTENDED_ARG prefixes (rare): their index in <see cref="Marks"/> and how many prefixes come before.</summary>
    public List<(int Mark, int Into)>? IntoPrefixes { get; private set; }

    /// <summary>Scans <paramref name="list"/>.</summary>
    /// <exception cref="InvalidCodeException">An entry is malformed (see the class summary).</exception>
    public static CodeListScan Run(CodeList list, ArgumentResolver resolver, BytecodeDialect dialect, AssemblerScratch? scratch = null)
    {
        int labels = 0, marks = 0;
        foreach (var item in list)
        {
            labels += item is Label ? 1 : 0;
            marks += item is SetLineno ? 1 : 0;
        }

        var scan = new CodeListScan(list.Count, labels, marks, scratch);
        var open = new List<ExceptionRegion>();
        for (var i = 0; i < list.Count; i++)
        {
            switch (list[i])
            {
                case Instr ins:
                    var op = resolver.Retarget(ins.Opcode, i);
                    scan.Slots.Add(new AssemblySlot
                    {
                        Instr = ins,
                        Op = op,
                        ListIndex = i,
                        Jump = ins.Arg as Label,
                        Arg = resolver.Resolve(ins, op, i),
                        Region = open.Count > 0 ? open[^1] : null,
                    });
                    break;
                case Label label:
                    if (!scan.LabelSlot.TryAdd(label, scan.Slots.Count))
                    {
                        throw new InvalidCodeException(i, label.ToString(), "the label is in the list twice");
                    }

                    break;
                case SetLineno line when dialect.LineInstructions is { } rule:
                    scan.AddLineInstruction(rule, line, i);
                    break;
                case SetLineno line:
                    if (line.IntoPrefixes != 0)
                    {
                        (scan.IntoPrefixes ??= []).Add((scan.Marks.Count, line.IntoPrefixes));
                    }

                    scan.Marks.Add(new LineMark(scan.Slots.Count, line.Location));
                    break;
                case TryBegin begin:
                    open.Add(begin.Region);
                    break;
                case TryEnd end:
                    if (!open.Remove(end.Region))
                    {
                        throw new InvalidCodeException(i, end.ToString(), "the region is not open");
                    }

                    break;
                default:
                    throw new InvalidCodeException(i, list[i]?.ToString() ?? "null", "not a code list entry");
            }
        }

        scan.CheckTargets(dialect);
        return scan;
    }

    // 1.0–2.2: the marker's table entry (1.5–2.2) at the offset of the SET_LINENO instruction that follows it.
    private void AddLineInstruction(LineInstructions rule, SetLineno line, int index)
    {
        if (line.Form == LineMarkerForm.TableOnly && !rule.HasTable)
        {
            throw new InvalidCodeException(index, line.ToString(), $"Python {rule.Op.Version} has no line table: its lines are SET_LINENO instructions only");
        }

        if (rule.WritesTableEntry(line))
        {
            Marks.Add(new LineMark(Slots.Count, line.Location));
        }

        if (LineInstructions.WritesInstruction(line))
        {
            var lineNo = line.Line ?? throw new InvalidCodeException(index, line.ToString(), "SET_LINENO needs a line number");
            if (lineNo < 0)
            {
                throw new InvalidCodeException(index, line.ToString(), "SET_LINENO cannot hold a negative line");
            }

            Slots.Add(new AssemblySlot { Instr = new Instr(rule.Op, BoxedInts.Get(lineNo)), Op = rule.Op, ListIndex = index, Arg = lineNo });
        }
    }

    private void CheckTargets(BytecodeDialect dialect)
    {
        foreach (ref readonly var s in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Slots))
        {
            if (s.Jump is { } l && !LabelSlot.ContainsKey(l))
            {
                throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), "jumps to a label that is not in the code list");
            }

            if (s.Region is { } r && !LabelSlot.ContainsKey(r.Handler))
            {
                throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), "its exception handler's label is not in the code list");
            }

            if (s.Region is not null && !dialect.HasExceptionTable)
            {
                throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), $"exception regions need 3.11+, not {dialect.Version}");
            }
        }
    }
}
