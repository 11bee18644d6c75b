using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Assembly;

/// <summary>
/// Argument resolution: turns an instruction's model argument (a constant, a name, a local, a cell or free name, a
/// comparison, a number, …) into the version's numeric argument, indexing — and growing — <see cref="AssemblyTables"/>.
/// Jump arguments are left to <see cref="OffsetLayout"/>.
/// </summary>
internal sealed class ArgumentResolver(Code model, BytecodeDialect dialect, AssemblyTables tables)
{
    /// <summary>The target table's opcode of the same name.</summary>
    /// <exception cref="InvalidCodeException">The target version has no such opcode.</exception>
    public Opcode Retarget(Opcode op, int index)
    {
        if (op.Table == dialect.Table)
        {
            return op;
        }

        return dialect.Table.TryGetOpcode(op.Name, out var mapped)
            ? mapped
            : throw new InvalidCodeException(index, op.Name, $"CPython {dialect.Version} has no opcode {op.Name}");
    }

    /// <summary>The numeric argument of <paramref name="ins"/> (0 for jumps, placed later).</summary>
    /// <exception cref="InvalidCodeException">The argument has the wrong kind, is out of range, or names nothing the code declares.</exception>
    public int Resolve(Instr ins, Opcode op, int index)
    {
        var arg = ins.Arg;
        InvalidCodeException Wrong(string expected) => WrongKind(index, ins, op, expected);

        if (BytecodeDialect.IsJump(op))
        {
            return arg is Label ? 0 : throw Wrong("a Label");
        }

        if (!op.HasArg)
        {
            return arg switch
            {
                null => 0,
                int i => NonNegative(i, ins, index),
                _ => throw Wrong("no argument"),
            };
        }

        if (op.HasConst)
        {
            return tables.ConstIndex(arg ?? PyNone.Instance, ins.TableIndex);
        }

        if (op.HasName)
        {
            return NameArgument(ins, op, arg, index);
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
            return arg is string name ? VariableArgument(ins, op, name, index) : throw Wrong("a variable name");
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
            int i => NonNegative(i, ins, index),
            NamedArg n => NonNegative(n.Value, ins, index),
            null => 0,
            _ => throw Wrong("a number"),
        };
    }

    // CPython's oparg is unsigned; a negative number (e.g. four EXTENDED_ARG 0xff prefixes) has no encoding.
    private static int NonNegative(int value, Instr ins, int index) => value >= 0
        ? value
        : throw new InvalidCodeException(index, ins.ToString(), $"argument {value} is out of range: expected 0 to {int.MaxValue}");

    // Static, with the instruction as parameters: a local function capturing them and passed on as a delegate made the
    // compiler allocate a closure on every call, error or not.
    private static InvalidCodeException WrongKind(int index, Instr ins, Opcode op, string expected) =>
        new(index, ins.ToString(), $"{op.Name} takes {expected}, not {ins.Arg?.GetType().Name ?? "nothing"}");

    private int NameArgument(Instr ins, Opcode op, object? arg, int index)
    {
        var shift = dialect.NameShift(op);
        var (name, bits) = (arg, op.Name) switch
        {
            (string s, _) => (s, 0),
            (GlobalName g, "LOAD_GLOBAL") => (g.Name, g.PushNull ? 1 : 0),
            (AttrName a, "LOAD_ATTR") => (a.Name, a.IsMethod ? 1 : 0),
            (ImportName m, "IMPORT_NAME") => (m.Name, m.LazyMode & 3),
            (SuperAttrName a, "LOAD_SUPER_ATTR") => (a.Name, (a.IsMethod ? 1 : 0) | (a.TwoArguments ? 2 : 0)),
            _ => throw WrongKind(index, ins, op, "a name"),
        };
        return (AssemblyTables.NameIndex(tables.Names, name, ins.TableIndex, add: true) << shift) | bits;
    }

    private int VariableArgument(Instr ins, Opcode op, string name, int index)
    {
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

        var ci = IndexOf(cells, name);
        if (ci >= 0)
        {
            return ci;
        }

        var fi = IndexOf(model.FreeVars, name);
        return fi >= 0 ? cells.Count + fi : throw new InvalidCodeException(index, ins.ToString(), $"'{name}' is neither a cell nor a free variable");
    }

    private int LocalIndex(string name, int? hint, int index, Instr ins)
    {
        if (!dialect.UsesLocalsPlus)
        {
            return AssemblyTables.NameIndex(tables.VarNames, name, hint, add: true);
        }

        var localsPlus = tables.LocalsPlus;
        if (hint is int h && h < localsPlus.Count && localsPlus[h].Name.Value == name)
        {
            return h;
        }

        var k = -1;
        for (var i = 0; i < localsPlus.Count; i++)
        {
            if (localsPlus[i].Name.Value == name)
            {
                k = i;
                break;
            }
        }

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

    // Loops, not FindIndex with a lambda: a lambda capturing a parameter allocates its closure on every call.
    private static int IndexOf(List<PyString> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Value == value)
            {
                return i;
            }
        }

        return -1;
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
}
