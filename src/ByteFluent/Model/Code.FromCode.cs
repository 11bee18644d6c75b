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
            var bytes = code.Code.AsSpan();
            var raws = dialect.Encoding.Decode(dialect.Table, bytes);
            var boundary = new Dictionary<int, int>();
            for (var i = 0; i < raws.Count; i++)
            {
                boundary[raws[i].Offset] = i;
            }

            boundary[bytes.Length] = raws.Count;

            // Pseudo-entries per instruction index (raws.Count: after the last instruction).
            var before = new List<CodeItem>?[raws.Count + 1];
            void Add(int offset, CodeItem item, bool front = false)
            {
                var index = IndexAtOrAfter(offset);
                var list = before[index] ??= [];
                if (front)
                {
                    list.Insert(0, item);
                }
                else
                {
                    list.Add(item);
                }
            }

            int IndexAtOrAfter(int offset)
            {
                if (boundary.TryGetValue(offset, out var idx))
                {
                    return idx;
                }

                for (var i = 0; i < raws.Count; i++)
                {
                    if (raws[i].Offset >= offset)
                    {
                        return i;
                    }
                }

                return raws.Count;
            }

            var labels = new SortedDictionary<int, Label>();
            Label LabelAt(int offset)
            {
                if (!labels.TryGetValue(offset, out var label))
                {
                    label = new Label();
                    labels[offset] = label;
                }

                return label;
            }

            var jumpLabels = new Label?[raws.Count];
            for (var i = 0; i < raws.Count; i++)
            {
                if (BytecodeDialect.IsJump(raws[i].Opcode))
                {
                    var target = dialect.JumpTarget(raws[i]);
                    if (!boundary.ContainsKey(target))
                    {
                        throw new BytecodeFormatException("co_code", raws[i].Offset, $"{raws[i].Opcode} jumps to offset {target}, which is not an instruction");
                    }

                    jumpLabels[i] = LabelAt(target);
                }
            }

            // Exception regions: one per table entry, closed before anything else at its end.
            var tryEnds = new List<(int Offset, TryEnd Item)>();
            var tryBegins = new List<(int Offset, TryBegin Item)>();
            if (dialect.HasExceptionTable)
            {
                foreach (var e in ExceptionTableCodec.Decode(code.ExceptionTable.AsSpan()))
                {
                    var region = new ExceptionRegion(LabelAt(e.Target * 2), e.Depth, e.Lasti);
                    tryBegins.Add((e.Start * 2, new TryBegin(region)));
                    tryEnds.Add((e.End * 2, new TryEnd(region)));
                }
            }

            foreach (var (offset, item) in tryEnds)
            {
                Add(offset, item);
            }

            foreach (var (offset, label) in labels)
            {
                Add(offset, label);
            }

            foreach (var (offset, item) in tryBegins)
            {
                Add(offset, item);
            }

            foreach (var mark in dialect.Lines.Decode(code.LineTable.AsSpan(), code.FirstLineNo))
            {
                var into = 0;
                if (!boundary.ContainsKey(mark.Offset))
                {
                    // An entry pointing into an instruction's EXTENDED_ARG prefixes stays there.
                    var unit = dialect.Encoding.UnitSize == 1 ? 3 : 2;
                    var owner = raws.LastOrDefault(r => r.Offset < mark.Offset);
                    if (owner.Size > 0 && (mark.Offset - owner.Offset) % unit == 0 && (mark.Offset - owner.Offset) / unit <= owner.Prefixes)
                    {
                        into = (mark.Offset - owner.Offset) / unit;
                        Add(owner.Offset, new SetLineno(mark.Location) { IntoPrefixes = into });
                        continue;
                    }
                }

                Add(mark.Offset, new SetLineno(mark.Location));
            }

            var list = new CodeList();
            for (var i = 0; i <= raws.Count; i++)
            {
                if (before[i] is { } items)
                {
                    list.AddRange(items);
                }

                if (i < raws.Count)
                {
                    list.Add(MakeInstr(raws[i], jumpLabels[i]));
                }
            }

            return list;
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
                return new Instr(op, arg == 0 ? null : arg) { MinimumPrefixes = extra };
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

            return new Instr(op, arg) { MinimumPrefixes = extra };
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
