using System.Collections.Immutable;
using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Model;

public sealed partial class Code
{
    /// <summary>
    /// byteplay's <c>to_code</c>: assembles the model into a code object for <paramref name="version"/> (default:
    /// <see cref="Version"/>), nested <see cref="Code"/> constants included. Regenerates the code bytes (labels
    /// resolved, EXTENDED_ARG sized until offsets are stable, inline caches), the tables, the line or location table,
    /// the exception table, the flags and the stack size.
    /// </summary>
    /// <exception cref="InvalidCodeException">An entry cannot be assembled (wrong argument kind, unknown label, …).</exception>
    /// <exception cref="StackDepthException">The stack-depth analysis finds underflow or inconsistent depths.</exception>
    public PyCode ToCode(PythonVersion? version = null) => Build(version is { } v ? BytecodeDialect.For(v) : Dialect);

    /// <summary>The maximum stack depth as the version's compiler computes it (see <see cref="StackDepthRules"/>).</summary>
    /// <exception cref="StackDepthException">The stack underflows or is inconsistent.</exception>
    public int ComputeStackSize() => new Assembler(this, Dialect).Layout().StackSize;

    private sealed class Assembler(Code model, BytecodeDialect dialect)
    {
        private readonly List<object> consts = [.. model.Consts];
        private readonly List<PyString> names = [.. model.Names];
        private readonly List<PyString> varnames = [.. model.VarNames];
        private readonly List<(PyString Name, byte Kind)> localsPlus = [.. model.LocalsPlus];

        private sealed class Slot
        {
            public required Instr Instr { get; init; }

            public required Opcode Op { get; init; }

            public required int ListIndex { get; init; }

            public int Arg { get; set; }

            public Label? Jump { get; init; }

            public int Offset { get; set; }

            public int Size { get; set; }

            public ExceptionRegion? Region { get; init; }
        }

        public sealed record LayoutResult(byte[] Code, List<LineMark> Marks, List<ExceptionTableEntry> Exceptions, int StackSize);

        public PyCode Run()
        {
            var layout = Layout();
            var flags = model.Flags;
            if (dialect.Version < PythonVersion.V3_10 && dialect.Version >= PythonVersion.V2_7)
            {
                var noFree = dialect.UsesLocalsPlus
                    ? !localsPlus.Any(l => (l.Kind & (LocalKinds.Cell | LocalKinds.Free)) != 0)
                    : model.CellVars.Count == 0 && model.FreeVars.Count == 0;
                flags = noFree ? flags | CoNoFree : flags & ~CoNoFree;
            }

            var builtConsts = consts.Select(k => k is Code nested ? nested.ToCode(dialect.Table) : (PyObject)k).ToImmutableArray();
            var result = new PyCode
            {
                ArgCount = model.ArgCount,
                PosOnlyArgCount = dialect.Version >= PythonVersion.V3_8 ? model.PosOnlyArgCount : 0,
                KwOnlyArgCount = dialect.Version >= PythonVersion.V3_6 ? model.KwOnlyArgCount : 0,
                NLocals = dialect.UsesLocalsPlus ? 0 : varnames.Count,
                StackSize = model.DeclaredStackSize ?? layout.StackSize,
                Flags = flags,
                Code = [.. layout.Code],
                Consts = builtConsts,
                Names = [.. names],
                VarNames = dialect.UsesLocalsPlus ? [] : [.. varnames],
                FreeVars = dialect.UsesLocalsPlus ? [] : [.. model.FreeVars],
                CellVars = dialect.UsesLocalsPlus ? [] : [.. model.CellVars],
                LocalsPlusNames = dialect.UsesLocalsPlus ? [.. localsPlus.Select(l => l.Name)] : [],
                LocalsPlusKinds = dialect.UsesLocalsPlus ? [.. localsPlus.Select(l => l.Kind)] : [],
                Filename = model.Filename,
                Name = model.Name,
                QualName = dialect.Version >= PythonVersion.V3_11 ? model.QualName ?? model.Name : null,
                FirstLineNo = model.FirstLineNo,
                LineTable = [.. dialect.Lines.Encode(layout.Marks, model.FirstLineNo, layout.Code.Length)],
                ExceptionTable = dialect.HasExceptionTable ? [.. ExceptionTableCodec.Encode(layout.Exceptions)] : [],
            };
            return result;
        }

        public LayoutResult Layout()
        {
            var slots = new List<Slot>();
            var labelSlot = new Dictionary<Label, int>();
            var marks = new List<(int SlotIndex, SourceLocation Location, int Into)>();
            var open = new List<ExceptionRegion>();
            var list = model.CodeList;
            for (var i = 0; i < list.Count; i++)
            {
                switch (list[i])
                {
                    case Instr ins:
                        var op = Retarget(ins.Opcode, i);
                        slots.Add(new Slot
                        {
                            Instr = ins,
                            Op = op,
                            ListIndex = i,
                            Jump = ins.Arg as Label,
                            Arg = ResolveArg(ins, op, i),
                            Region = open.Count > 0 ? open[^1] : null,
                        });
                        break;
                    case Label label:
                        if (!labelSlot.TryAdd(label, slots.Count))
                        {
                            throw new InvalidCodeException(i, label.ToString(), "the label is in the list twice");
                        }

                        break;
                    case SetLineno line:
                        marks.Add((slots.Count, line.Location, line.IntoPrefixes));
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

            // Check every jump and handler target before layout.
            foreach (var s in slots)
            {
                if (s.Jump is { } l && !labelSlot.ContainsKey(l))
                {
                    throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), "jumps to a label that is not in the code list");
                }

                if (s.Region is { } r && !labelSlot.ContainsKey(r.Handler))
                {
                    throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), "its exception handler's label is not in the code list");
                }

                if (s.Region is not null && !dialect.HasExceptionTable)
                {
                    throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), $"exception regions need 3.11+, not {dialect.Version}");
                }
            }

            // Size EXTENDED_ARG prefixes: grow until every jump argument fits its instruction.
            var enc = dialect.Encoding;
            foreach (var s in slots)
            {
                s.Size = enc.Size(s.Op, s.Jump is null ? s.Arg : 0, Math.Max(enc.MinimumPrefixes(s.Jump is null ? s.Arg : 0), s.Instr.MinimumPrefixes));
            }

            int OffsetOf(int slotIndex) => slotIndex < slots.Count ? slots[slotIndex].Offset : TotalSize();
            int TotalSize() => slots.Count == 0 ? 0 : slots[^1].Offset + slots[^1].Size;

            for (var round = 0; ; round++)
            {
                var offset = 0;
                foreach (var s in slots)
                {
                    s.Offset = offset;
                    offset += s.Size;
                }

                var changed = false;
                foreach (var s in slots)
                {
                    if (s.Jump is null)
                    {
                        continue;
                    }

                    var target = OffsetOf(labelSlot[s.Jump]);
                    var arg = dialect.JumpArgument(s.Op, s.Offset, s.Size, target);
                    if (arg < 0)
                    {
                        throw new InvalidCodeException(s.ListIndex, s.Instr.ToString(), $"{s.Op} cannot reach offset {target} from offset {s.Offset} (wrong direction)");
                    }

                    s.Arg = arg;
                    var size = enc.Size(s.Op, arg, Math.Max(enc.MinimumPrefixes(arg), s.Instr.MinimumPrefixes));
                    if (size > s.Size)
                    {
                        s.Size = size;
                        changed = true;
                    }
                }

                if (!changed)
                {
                    break;
                }
            }

            var code = new List<byte>(TotalSize());
            foreach (var s in slots)
            {
                enc.Write(code, s.Op, s.Arg, Math.Max(enc.MinimumPrefixes(s.Arg), s.Instr.MinimumPrefixes));
            }

            int MarkOffset(int slotIndex, int into)
            {
                if (into == 0 || slotIndex >= slots.Count)
                {
                    return OffsetOf(slotIndex);
                }

                var s = slots[slotIndex];
                var unit = enc.UnitSize == 1 ? 3 : 2;
                var prefixes = (s.Size - enc.Size(s.Op, 0, 0)) / unit;
                return s.Offset + (Math.Min(into, prefixes) * unit);
            }

            var lineMarks = marks.Select(m => new LineMark(MarkOffset(m.SlotIndex, m.Into), m.Location)).ToList();

            // Exception table: one entry per run of instructions under the same innermost region.
            var exceptions = new List<ExceptionTableEntry>();
            ExceptionRegion? current = null;
            var runStart = 0;
            void Close(int end)
            {
                if (current is not null && end > runStart)
                {
                    exceptions.Add(new ExceptionTableEntry(runStart / 2, end / 2, OffsetOf(labelSlot[current.Handler]) / 2, current.Depth, current.Lasti));
                }
            }

            foreach (var s in slots)
            {
                if (!ReferenceEquals(s.Region, current))
                {
                    Close(s.Offset);
                    current = s.Region;
                    runStart = s.Offset;
                }
            }

            Close(TotalSize());

            // Stack depth.
            var flow = slots.Select(s => new FlowInstruction(
                s.Op,
                s.Arg,
                s.Jump is null ? -1 : labelSlot[s.Jump],
                s.Region is { } r ? new FlowHandler(labelSlot[r.Handler], r.Depth, r.Lasti) : null,
                s.Op.Name == "LOAD_CONST" ? s.Instr.Arg : null)).ToList();
            var analyzer = new StackDepthAnalyzer(dialect.StackDepth, flow, k => slots[k].Instr.ToString(), consts);
            var stackSize = analyzer.Run(dialect.Table, model.Flags);
            return new LayoutResult([.. code], lineMarks, exceptions, stackSize);
        }

        private Opcode Retarget(Opcode op, int index)
        {
            if (op.Table == dialect.Table)
            {
                return op;
            }

            return dialect.Table.TryGetOpcode(op.Name, out var mapped)
                ? mapped
                : throw new InvalidCodeException(index, op.Name, $"CPython {dialect.Version} has no opcode {op.Name}");
        }

        private int ResolveArg(Instr ins, Opcode op, int index)
        {
            var arg = ins.Arg;
            InvalidCodeException Wrong(string expected) =>
                new(index, ins.ToString(), $"{op.Name} takes {expected}, not {arg?.GetType().Name ?? "nothing"}");

            if (BytecodeDialect.IsJump(op))
            {
                return arg is Label ? 0 : throw Wrong("a Label");
            }

            if (!op.HasArg)
            {
                return arg switch
                {
                    null => 0,
                    int i => i,
                    _ => throw Wrong("no argument"),
                };
            }

            if (op.HasConst)
            {
                return ConstIndex(arg ?? PyNone.Instance, ins.TableIndex);
            }

            if (op.HasName)
            {
                var shift = dialect.NameShift(op);
                var (name, bits) = (arg, op.Name) switch
                {
                    (string s, _) => (s, 0),
                    (GlobalName g, "LOAD_GLOBAL") => (g.Name, g.PushNull ? 1 : 0),
                    (AttrName a, "LOAD_ATTR") => (a.Name, a.IsMethod ? 1 : 0),
                    (ImportName m, "IMPORT_NAME") => (m.Name, m.LazyMode & 3),
                    (SuperAttrName a, "LOAD_SUPER_ATTR") => (a.Name, (a.IsMethod ? 1 : 0) | (a.TwoArguments ? 2 : 0)),
                    _ => throw Wrong("a name"),
                };
                return (NameIndex(names, name, ins.TableIndex, add: true) << shift) | bits;
            }

            if (dialect.IsPairedLocal(op))
            {
                if (arg is not LocalPair pair)
                {
                    throw Wrong("a LocalPair");
                }

                var first = LocalIndex(pair.First, null, index, ins);
                var second = LocalIndex(pair.Second, null, index, ins);
                if (first > 15 || second > 15)
                {
                    throw new InvalidCodeException(index, ins.ToString(), "paired locals must be among the first 16 slots");
                }

                return (first << 4) | second;
            }

            if (op.HasLocal || op.HasFree)
            {
                if (arg is not string name)
                {
                    throw Wrong("a variable name");
                }

                if (dialect.UsesLocalsPlus || op.HasLocal)
                {
                    return LocalIndex(name, ins.TableIndex, index, ins);
                }

                var hint = ins.TableIndex;
                var cells = model.CellVars;
                if (hint is int h && h < cells.Count + model.FreeVars.Count
                    && (h < cells.Count ? cells[h].Value : model.FreeVars[h - cells.Count].Value) == name)
                {
                    return h;
                }

                var ci = cells.FindIndex(c => c.Value == name);
                if (ci >= 0)
                {
                    return ci;
                }

                var fi = model.FreeVars.FindIndex(c => c.Value == name);
                return fi >= 0 ? cells.Count + fi : throw new InvalidCodeException(index, ins.ToString(), $"'{name}' is neither a cell nor a free variable");
            }

            if (op.HasCompare)
            {
                var cmp = arg as Comparison ?? (arg is string s ? new Comparison(s) : throw Wrong("a Comparison"));
                var k = IndexOf(dialect.Table.CmpOp, cmp.Operator);
                return k < 0
                    ? throw new InvalidCodeException(index, ins.ToString(), $"'{cmp.Operator}' is not a comparison of {dialect.Version}")
                    : (k << dialect.CompareShift) | cmp.LowBits;
            }

            return arg switch
            {
                int i => i,
                NamedArg n => n.Value,
                null => 0,
                _ => throw Wrong("a number"),
            };
        }

        private static int IndexOf(IReadOnlyList<string> list, string value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        private int LocalIndex(string name, int? hint, int index, Instr ins)
        {
            if (dialect.UsesLocalsPlus)
            {
                if (hint is int h && h < localsPlus.Count && localsPlus[h].Name.Value == name)
                {
                    return h;
                }

                var k = localsPlus.FindIndex(l => l.Name.Value == name);
                if (k >= 0)
                {
                    return k;
                }

                if (ins.Opcode.HasFree && !ins.Opcode.HasLocal)
                {
                    throw new InvalidCodeException(index, ins.ToString(), $"'{name}' is not a cell or free variable");
                }

                localsPlus.Add((new PyString(name), LocalKinds.Local));
                return localsPlus.Count - 1;
            }

            return NameIndex(varnames, name, hint, add: true);
        }

        private static int NameIndex(List<PyString> table, string name, int? hint, bool add)
        {
            if (hint is int h && h < table.Count && table[h].Value == name)
            {
                return h;
            }

            var k = table.FindIndex(n => n.Value == name);
            if (k >= 0 || !add)
            {
                return k;
            }

            table.Add(new PyString(name));
            return table.Count - 1;
        }

        private int ConstIndex(object value, int? hint)
        {
            if (hint is int h && h < consts.Count && SameConst(consts[h], value))
            {
                return h;
            }

            var k = consts.FindIndex(c => SameConst(c, value));
            if (k >= 0)
            {
                return k;
            }

            consts.Add(value);
            return consts.Count - 1;
        }

        private static bool SameConst(object a, object b) =>
            ReferenceEquals(a, b) || (a is PyObject pa && b is PyObject pb && PyEquality.Strict(pa, pb));
    }
}
