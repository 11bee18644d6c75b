using System.Globalization;
using System.Text;
using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Inspection;

/// <summary>
/// Lists code objects that <see cref="Code.FromCode(PyCode, OpcodeTable)"/> refuses — junk opcodes, out-of-range
/// table indexes, jumps into the middle of instructions, broken line or exception tables — the way CPython's
/// <c>dis</c> and xdis do: what is there, with one <see cref="DisassemblyProblem"/> per thing wrong. Well-formed
/// code gets the ordinary model and listing. Never throws for malformed code; the work is linear in its size.
/// </summary>
public static class TolerantDisassembler
{
    /// <summary>Disassembles one code object (nested code objects stay <see cref="PyCode"/> constants of the model).</summary>
    public static TolerantListing Disassemble(PyCode code, OpcodeTable table)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            var model = Code.FromCode(code, table, nested: false);
            return new TolerantListing(model, model.CodeList.ToString(), []);
        }
        catch (BytecodeFormatException)
        {
            // Fall through to the raw listing, which names every problem rather than the first.
        }

        return new RawWalk(code, BytecodeDialect.For(table)).Run();
    }

    /// <summary>As <see cref="Disassemble(PyCode, OpcodeTable)"/> with the built-in table of <paramref name="version"/>.</summary>
    public static TolerantListing Disassemble(PyCode code, PythonVersion version) => Disassemble(code, OpcodeTables.ForVersion(version));

    /// <summary>One instruction as found: an opcode number that may be unknown, its argument with EXTENDED_ARG folded in.</summary>
    private readonly record struct Unit(int Offset, int Size, int Number, Opcode? Opcode, long Arg, int Prefixes);

    private sealed class RawWalk(PyCode code, BytecodeDialect dialect)
    {
        private readonly List<DisassemblyProblem> problems = [];
        private readonly OpcodeTable table = dialect.Table;

        public TolerantListing Run()
        {
            var bytes = code.Code.AsSpan();
            var units = Decode(bytes);
            var starts = new HashSet<int>();
            foreach (var u in units)
            {
                starts.Add(u.Offset);
            }

            var lines = LineStarts(code.LineTable.AsSpan());
            ExceptionEntries(starts, bytes.Length);
            var targets = new HashSet<int>();
            var meanings = new string[units.Count];
            for (var i = 0; i < units.Count; i++)
            {
                meanings[i] = Meaning(units[i], starts, bytes.Length, targets);
            }

            var sb = new StringBuilder();
            foreach (var (u, i) in units.Select((u, i) => (u, i)))
            {
                var line = lines.TryGetValue(u.Offset, out var l) ? l : string.Empty;
                var name = u.Opcode is { } op ? op.Name : "<" + u.Number.ToString(CultureInfo.InvariantCulture) + ">";
                var arg = u.Opcode is { HasArg: false } && u.Arg == 0 ? string.Empty : u.Arg.ToString(CultureInfo.InvariantCulture);
                var text = string.Create(CultureInfo.InvariantCulture, $"{line,6} {(targets.Contains(u.Offset) ? ">>" : "  ")} {u.Offset,6} {name} {arg}").TrimEnd();
                sb.Append(text);
                if (meanings[i].Length > 0)
                {
                    sb.Append(" (").Append(meanings[i]).Append(')');
                }

                sb.Append('\n');
            }

            return new TolerantListing(null, sb.ToString(), problems);
        }

        private void Problem(string where, int offset, string message) => problems.Add(new DisassemblyProblem(where, offset, message));

        private List<Unit> Decode(ReadOnlySpan<byte> bytes)
        {
            var units = new List<Unit>();
            var wide = !table.Wordcode;
            if (!wide && bytes.Length % 2 != 0)
            {
                Problem("co_code", bytes.Length - 1, "wordcode has an odd number of bytes; the last byte is not listed");
                bytes = bytes[..^1];
            }

            var pos = 0;
            long ext = 0;
            var start = -1;
            var prefixes = 0;
            while (pos < bytes.Length)
            {
                var at = pos;
                int number = bytes[pos];
                var known = table.TryGetOpcode(number, out var op);
                long arg;
                if (wide)
                {
                    var hasArg = known ? op.HasArg : number >= table.HaveArgument;
                    pos++;
                    arg = 0;
                    if (hasArg)
                    {
                        if (pos + 2 > bytes.Length)
                        {
                            Problem("co_code", at, $"{Name(number)} is missing its argument bytes");
                            units.Add(new Unit(at, bytes.Length - at, number, known ? op : null, 0, 0));
                            break;
                        }

                        arg = (ext << 16) | (uint)(bytes[pos] | (bytes[pos + 1] << 8));
                        pos += 2;
                    }
                }
                else
                {
                    arg = (ext << 8) | bytes[pos + 1];
                    pos += 2;
                }

                if (known && op == table.ExtendedArg)
                {
                    start = start < 0 ? at : start;
                    ext = arg & 0xFFFF_FFFF;
                    prefixes++;
                    continue;
                }

                if (known && op.CacheEntries > 0)
                {
                    var end = pos + (2 * op.CacheEntries);
                    if (end > bytes.Length)
                    {
                        Problem("co_code", at, $"{op} is missing its {op.CacheEntries} cache entries");
                        end = bytes.Length;
                    }

                    pos = end;
                }
                else if (!known)
                {
                    Problem("co_code", at, $"unknown opcode {number}");
                }

                var first = start < 0 ? at : start;
                if (arg > int.MaxValue)
                {
                    Problem("co_code", first, $"{Name(number)} has argument {arg}, larger than CPython's 32-bit oparg");
                }

                units.Add(new Unit(first, pos - first, number, known ? op : null, arg, prefixes));
                ext = 0;
                start = -1;
                prefixes = 0;
            }

            if (start >= 0)
            {
                Problem("co_code", start, "EXTENDED_ARG at the end of the code");
            }

            return units;
        }

        private string Name(int number) => table.TryGetOpcode(number, out var op) ? op.Name : "<" + number.ToString(CultureInfo.InvariantCulture) + ">";

        private Dictionary<int, string> LineStarts(ReadOnlySpan<byte> lineTable)
        {
            var starts = new Dictionary<int, string>();
            try
            {
                int? shown = null;
                foreach (var mark in dialect.Lines.Decode(lineTable, code.FirstLineNo))
                {
                    if (mark.Location.Line != shown && !starts.ContainsKey(mark.Offset))
                    {
                        starts[mark.Offset] = mark.Location.Line?.ToString(CultureInfo.InvariantCulture) ?? "-";
                        shown = mark.Location.Line;
                    }
                }
            }
            catch (BytecodeFormatException e)
            {
                Problem(e.Table, e.Offset, StripPrefix(e) + "; line numbers are not shown");
                starts.Clear();
            }

            return starts;
        }

        private void ExceptionEntries(HashSet<int> starts, int codeLength)
        {
            if (!dialect.HasExceptionTable)
            {
                return;
            }

            try
            {
                foreach (var e in ExceptionTableCodec.Decode(code.ExceptionTable.AsSpan()))
                {
                    foreach (var (what, units) in new[] { ("start", e.Start), ("end", e.End), ("handler", e.Target) })
                    {
                        var offset = (long)units * 2;
                        if (offset > codeLength || (what != "end" && offset == codeLength))
                        {
                            Problem("co_exceptiontable", -1, FormattableString.Invariant($"entry {e.Start * 2}-{e.End * 2} -> {e.Target * 2}: {what} is outside the code ({codeLength} bytes)"));
                        }
                        else if (offset < codeLength && !starts.Contains((int)offset))
                        {
                            Problem("co_exceptiontable", -1, FormattableString.Invariant($"entry {e.Start * 2}-{e.End * 2} -> {e.Target * 2}: {what} is not an instruction"));
                        }
                    }
                }
            }
            catch (BytecodeFormatException e)
            {
                Problem(e.Table, e.Offset, StripPrefix(e) + "; the exception table is not shown");
            }
        }

        private static string StripPrefix(BytecodeFormatException e)
        {
            var prefix = FormattableString.Invariant($"{e.Table} at byte {e.Offset}: ");
            return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
        }

        private string Meaning(Unit u, HashSet<int> starts, int codeLength, HashSet<int> targets)
        {
            if (u.Opcode is not { } op || !op.HasArg)
            {
                return string.Empty;
            }

            var arg = (int)u.Arg;
            if (BytecodeDialect.IsJump(op))
            {
                var target = (long)dialect.JumpTarget(new RawInstruction(u.Offset, u.Size, op, arg, u.Prefixes));
                if (target < 0 || target >= codeLength)
                {
                    Problem("co_code", u.Offset, FormattableString.Invariant($"{op} jumps to offset {target}, outside the code"));
                    return FormattableString.Invariant($"to {target}, outside the code");
                }

                if (!starts.Contains((int)target))
                {
                    Problem("co_code", u.Offset, FormattableString.Invariant($"{op} jumps to offset {target}, which is not an instruction"));
                    return FormattableString.Invariant($"to {target}, not an instruction");
                }

                targets.Add((int)target);
                return FormattableString.Invariant($"to {target}");
            }

            if (op.HasConst)
            {
                return Entry(u, "co_consts", arg, code.Consts.Length, i => PyRepr.Of(code.Consts[i]));
            }

            if (op.HasName)
            {
                return Entry(u, "co_names", arg >> dialect.NameShift(op), code.Names.Length, i => code.Names[i].Value);
            }

            if (dialect.IsPairedLocal(op))
            {
                return Local(u, arg >> 4) + ", " + Local(u, arg & 15);
            }

            if (op.HasLocal || op.HasFree)
            {
                if (dialect.UsesLocalsPlus || (op.HasLocal && !op.HasFree))
                {
                    return Local(u, arg);
                }

                var cells = code.CellVars.Length;
                return arg >= 0 && arg < cells ? code.CellVars[arg].Value
                    : Entry(u, "co_cellvars + co_freevars", arg, cells + code.FreeVars.Length, i => code.FreeVars[i - cells].Value);
            }

            if (op.HasCompare)
            {
                var ops = table.CmpOp;
                return Entry(u, "cmp_op", arg >> dialect.CompareShift, ops.Count, i => ops[i]);
            }

            return string.Empty;
        }

        private string Local(Unit u, int index) => dialect.UsesLocalsPlus
            ? Entry(u, "co_localsplusnames", index, code.LocalsPlusNames.Length, i => code.LocalsPlusNames[i].Value)
            : Entry(u, "co_varnames", index, code.VarNames.Length, i => code.VarNames[i].Value);

        private string Entry(Unit u, string tableName, int index, int count, Func<int, string> describe)
        {
            if (index >= 0 && index < count)
            {
                return describe(index);
            }

            var op = u.Opcode?.Name ?? Name(u.Number);
            Problem("co_code", u.Offset, FormattableString.Invariant($"{op} refers to entry {index} of {tableName}, which has {count} entries"));
            return FormattableString.Invariant($"{tableName}[{index}] out of range, {count} entries");
        }
    }
}
