using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Model;

public sealed partial class Code
{
    /// <summary>
    /// byteplay's <c>Code.from_code</c>: disassembles a code object of <paramref name="version"/> (nested code
    /// objects in its constants included) into an editable model.
    /// </summary>
    /// <exception cref="BytecodeFormatException">The code bytes or one of the tables cannot be decoded.</exception>
    public static Code FromCode(PyCode code, PythonVersion version) => FromCode(code, version, nested: true);

    /// <summary>As <see cref="FromCode(PyCode, PythonVersion)"/>; with <paramref name="nested"/> false, nested code objects stay <see cref="PyCode"/> constants.</summary>
    internal static Code FromCode(PyCode code, PythonVersion version, bool nested) => FromCode(code, OpcodeTables.ForVersion(version), nested);

    /// <summary>As <see cref="FromCode(PyCode, OpcodeTable)"/>; with <paramref name="nested"/> false, nested code objects stay <see cref="PyCode"/> constants.</summary>
    internal static Code FromCode(PyCode code, OpcodeTable table, bool nested) =>
        FromCode(code, table, nested ? new Dictionary<PyCode, Code>(ReferenceEqualityComparer.Instance) : null);

    /// <summary>
    /// Decodes <paramref name="code"/>; with <paramref name="decoded"/>, nested code objects too, each object once:
    /// one shared through marshal references (the same instance in several places) becomes one shared model, so the
    /// work stays linear in the input however often the object is referenced.
    /// </summary>
    private static Code FromCode(PyCode code, OpcodeTable table, Dictionary<PyCode, Code>? decoded)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (decoded is not null && decoded.TryGetValue(code, out var done))
        {
            return done;
        }

        if (code.LocalsPlusKinds.Length != code.LocalsPlusNames.Length)
        {
            throw new BytecodeFormatException("co_localspluskinds", Math.Min(code.LocalsPlusKinds.Length, code.LocalsPlusNames.Length),
                $"has {code.LocalsPlusKinds.Length} entries where co_localsplusnames has {code.LocalsPlusNames.Length}");
        }

        var c = new Code(table)
        {
            ArgCount = code.ArgCount,
            PosOnlyArgCount = code.PosOnlyArgCount,
            KwOnlyArgCount = code.KwOnlyArgCount,
            Flags = code.Flags,
            Names = [.. code.Names],
            VarNames = [.. code.VarNames],
            CellVars = [.. code.CellVars],
            FreeVars = [.. code.FreeVars],
            Filename = code.Filename,
            Name = code.Name,
            QualName = code.QualName,
            FirstLineNo = code.FirstLineNo,
        };
        for (var i = 0; i < code.LocalsPlusNames.Length; i++)
        {
            c.LocalsPlus.Add((code.LocalsPlusNames[i], code.LocalsPlusKinds[i]));
        }

        foreach (var k in code.Consts)
        {
            c.Consts.Add(decoded is not null && k is PyCode inner ? FromCode(inner, table, decoded) : k);
        }

        c.CodeList = new Disassembler(c, code).Run();
        decoded?.Add(code, c);
        return c;
    }

    private sealed class Disassembler(Code model, PyCode code)
    {
        private readonly BytecodeDialect dialect = model.Dialect;

        public CodeList Run()
        {
            var scratch = DecodeScratch.Rent();
            var list = Run(scratch);
            DecodeScratch.Return(scratch);
            return list;
        }

        private CodeList Run(DecodeScratch scratch)
        {
            var bytes = code.Code.AsSpan();
            // A List rather than the interface: the binary search below indexes it often.
            var raws = scratch.Raws;
            dialect.Encoding.Decode(dialect.Table, bytes, raws);
            var codeLength = bytes.Length;
            scratch.Prepare(raws.Count);

            // Instructions are in offset order: offsets map to instruction indexes by binary search (no table per byte).
            int IndexAtOrAfter(int offset)
            {
                int lo = 0, hi = raws.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (raws[mid].Offset < offset)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                return lo;
            }

            bool IsBoundary(int offset) => offset == codeLength
                || (IndexAtOrAfter(offset) is var k && k < raws.Count && raws[k].Offset == offset);

            // Pseudo-entries with the index of the instruction they precede (raws.Count: after the last instruction), in
            // the order they are added; placed by a counting sort at the end (no list per instruction).
            var pending = scratch.Pending;
            void Add(int offset, CodeItem item) => pending.Add((IndexAtOrAfter(offset), item));

            // Labels by the index of the instruction they mark; a handler may (in odd code) name an offset inside an
            // instruction, which gets a label of its own placed before the next instruction's, as offset order says.
            var labels = scratch.Labels.AsSpan(0, raws.Count + 1);
            SortedDictionary<int, Label>? oddLabels = null;
            Label LabelAt(int offset)
            {
                var index = IndexAtOrAfter(offset);
                if (index < raws.Count ? raws[index].Offset != offset : offset != codeLength)
                {
                    oddLabels ??= [];
                    if (!oddLabels.TryGetValue(offset, out var odd))
                    {
                        oddLabels[offset] = odd = new Label();
                    }

                    return odd;
                }

                return scratch.Labels[index] ??= new Label();
            }

            var jumpLabels = scratch.JumpLabels;
            for (var i = 0; i < raws.Count; i++)
            {
                if (BytecodeDialect.IsJump(raws[i].Opcode))
                {
                    var target = dialect.JumpTarget(raws[i]);
                    if (!IsBoundary(target))
                    {
                        throw new BytecodeFormatException("co_code", raws[i].Offset, $"{raws[i].Opcode} jumps to offset {target}, which is not an instruction");
                    }

                    jumpLabels[i] = LabelAt(target);
                }
            }

            // Exception regions: one per table entry, closed before anything else at its end.
            var tryEnds = scratch.TryEnds;
            var tryBegins = scratch.TryBegins;
            if (dialect.HasExceptionTable)
            {
                foreach (var e in ExceptionTableCodec.Decode(code.ExceptionTable.AsSpan()))
                {
                    if ((uint)(e.Target * 2L) > (uint)bytes.Length)
                    {
                        throw new BytecodeFormatException("co_exceptiontable", 0, $"a handler at offset {e.Target * 2L}, past the end of the code ({bytes.Length} bytes)");
                    }

                    var region = new ExceptionRegion(LabelAt(e.Target * 2), e.Depth, e.Lasti);
                    tryBegins.Add((e.Start * 2, new TryBegin(region)));
                    tryEnds.Add((e.End * 2, new TryEnd(region)));
                }
            }

            var marks = scratch.Marks;
            dialect.Lines.Decode(code.LineTable.AsSpan(), code.FirstLineNo, marks);
            var labelCount = 0;
            foreach (var l in labels)
            {
                labelCount += l is null ? 0 : 1;
            }

            pending.EnsureCapacity((2 * tryEnds.Count) + (oddLabels?.Count ?? 0) + labelCount + marks.Count);
            foreach (var (offset, item) in tryEnds)
            {
                Add(offset, item);
            }

            foreach (var (offset, label) in oddLabels ?? [])
            {
                Add(offset, label);
            }

            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] is { } label)
                {
                    Add(i < raws.Count ? raws[i].Offset : bytes.Length, label);
                }
            }

            foreach (var (offset, item) in tryBegins)
            {
                Add(offset, item);
            }

            // 1.0–2.2: SET_LINENO instructions are markers; a table entry at one's offset with its line is that same
            // marker (the last entry there, the one right before it), any other entry is table-only.
            var lineRule = dialect.LineInstructions;
            var merged = lineRule is not null ? new bool[raws.Count] : null;
            for (var m = 0; m < marks.Count; m++)
            {
                var mark = marks[m];
                if (lineRule is not null)
                {
                    var at = IndexAtOrAfter(mark.Offset);
                    if (at < raws.Count && raws[at].Offset == mark.Offset && lineRule.IsMarker(raws[at]) && raws[at].Arg == mark.Location.Line
                        && (m + 1 == marks.Count || marks[m + 1].Offset != mark.Offset))
                    {
                        merged![at] = true;
                        continue;
                    }

                    Add(mark.Offset, new SetLineno(mark.Location) { Form = LineMarkerForm.TableOnly });
                    continue;
                }

                var into = 0;
                if (!IsBoundary(mark.Offset))
                {
                    // An entry pointing into an instruction's EXTENDED_ARG prefixes stays there.
                    var unit = dialect.Encoding.UnitSize == 1 ? 3 : 2;
                    var owner = LastBefore(raws, mark.Offset);
                    if (owner.Size > 0 && (mark.Offset - owner.Offset) % unit == 0 && (mark.Offset - owner.Offset) / unit <= owner.Prefixes)
                    {
                        into = (mark.Offset - owner.Offset) / unit;
                        Add(owner.Offset, new SetLineno(mark.Location) { IntoPrefixes = into });
                        continue;
                    }
                }

                Add(mark.Offset, new SetLineno(mark.Location));
            }

            // Counting sort by instruction index, stable: entries before the same instruction keep the order above.
            var ends = scratch.Ends.AsSpan(0, raws.Count + 1);
            foreach (var (index, _) in pending)
            {
                ends[index]++;
            }

            for (int i = 0, total = 0; i < ends.Length; i++)
            {
                var count = ends[i];
                ends[i] = total;
                total += count;
            }

            var ordered = scratch.Ordered(pending.Count);
            foreach (var (index, item) in pending)
            {
                ordered[ends[index]++] = item;
            }

            // ends[i] is now the end of the entries before instruction i.
            var list = new CodeList(raws.Count + pending.Count);
            var next = 0;
            for (var i = 0; i <= raws.Count; i++)
            {
                while (next < ends[i])
                {
                    list.Add(ordered[next++]);
                }

                if (i < raws.Count)
                {
                    list.Add(lineRule is not null && lineRule.IsMarker(raws[i]) ? LineMarker(lineRule, raws[i], merged![i], marks.Count > 0 && marks[0].Offset == 0) : MakeInstr(raws[i], jumpLabels[i]));
                }
            }

            return list;
        }

        // With a line table, a SET_LINENO without its entry is instruction-only, except one at offset 0 on the first line
        // with no entry there: the table's implicit start is its entry.
        private SetLineno LineMarker(LineInstructions rule, RawInstruction raw, bool merged, bool entryAtStart) =>
            new(raw.Arg)
            {
                Form = !rule.HasTable || merged || (raw.Offset == 0 && raw.Arg == code.FirstLineNo && !entryAtStart) ? LineMarkerForm.Default : LineMarkerForm.InstructionOnly,
            };

        // A loop, not LastOrDefault with a lambda: a lambda capturing the loop variable made the compiler allocate a
        // closure for every line mark, used or not.
        private static RawInstruction LastBefore(List<RawInstruction> raws, int offset)
        {
            for (var i = raws.Count - 1; i >= 0; i--)
            {
                if (raws[i].Offset < offset)
                {
                    return raws[i];
                }
            }

            return default;
        }

        private Instr MakeInstr(RawInstruction raw, Label? jump)
        {
            var op = raw.Opcode;
            var arg = raw.Arg;
            var extra = raw.Prefixes;
            if (jump is not null)
            {
                return new Instr(op, jump) { MinimumPrefixes = extra };
            }

            if (!op.HasArg)
            {
                return new Instr(op, arg == 0 ? null : BoxedInts.Get(arg)) { MinimumPrefixes = extra };
            }

            if (op.HasConst)
            {
                return new Instr(op, Table(model.Consts, arg, op)) { TableIndex = arg, MinimumPrefixes = extra };
            }

            if (op.HasName)
            {
                var shift = dialect.NameShift(op);
                var index = arg >> shift;
                var name = Table(model.Names, index, op).Value;
                object value = op.Name switch
                {
                    _ when shift == 0 => name,
                    "LOAD_GLOBAL" => new GlobalName(name, (arg & 1) != 0),
                    "LOAD_ATTR" => new AttrName(name, (arg & 1) != 0),
                    "IMPORT_NAME" => new ImportName(name, arg & 3),
                    _ => new SuperAttrName(name, (arg & 1) != 0, (arg & 2) != 0),
                };
                return new Instr(op, value) { TableIndex = index, MinimumPrefixes = extra };
            }

            if (dialect.IsPairedLocal(op))
            {
                return new Instr(op, new LocalPair(LocalName(arg >> 4, op), LocalName(arg & 15, op))) { MinimumPrefixes = extra };
            }

            if (op.HasLocal || op.HasFree)
            {
                var name = op.HasLocal && !dialect.UsesLocalsPlus ? Table(model.VarNames, arg, op).Value
                    : dialect.UsesLocalsPlus ? LocalName(arg, op)
                    : arg < model.CellVars.Count ? model.CellVars[arg].Value
                    : Table(model.FreeVars, arg - model.CellVars.Count, op).Value;
                return new Instr(op, name) { TableIndex = arg, MinimumPrefixes = extra };
            }

            if (op.HasCompare)
            {
                var index = arg >> dialect.CompareShift;
                var ops = dialect.Table.CmpOp;
                if (index < 0 || index >= ops.Count)
                {
                    throw new BytecodeFormatException("co_code", raw.Offset, $"{op} has comparison index {index}; the version has {ops.Count}");
                }

                return new Instr(op, new Comparison(ops[index], arg & ((1 << dialect.CompareShift) - 1))) { MinimumPrefixes = extra };
            }

            if (op.ArgumentNames.Count > 0)
            {
                return new Instr(op, new NamedArg(arg, ArgumentNaming.Describe(op, arg))) { MinimumPrefixes = extra };
            }

            return new Instr(op, BoxedInts.Get(arg)) { MinimumPrefixes = extra };
        }

        private string LocalName(int index, Opcode op) => dialect.UsesLocalsPlus
            ? Table(model.LocalsPlus, index, op).Name.Value
            : Table(model.VarNames, index, op).Value;

        private static T Table<T>(List<T> table, int index, Opcode op) =>
            index >= 0 && index < table.Count
                ? table[index]
                : throw new BytecodeFormatException("co_code", 0, $"{op} refers to entry {index} of a table with {table.Count} entries");
    }
}
