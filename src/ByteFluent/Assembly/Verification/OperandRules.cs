using ByteFluent.Marshal;
using ByteFluent.Model;

namespace ByteFluent.Assembly.Verification;

/// <summary>A failed per-instruction rule.</summary>
internal sealed record RuleFailure(string Problem, string Expected, string Actual, bool Stack = false);

/// <summary>
/// The verifier's per-instruction rules: real opcodes only (no 3.12+ pseudo instructions), operand ranges (SWAP, COPY, ROT_N, DUP_TOPX), fast locals only where the code
/// declares them, cell and free opcodes only on declared cells and frees (3.11+: created by the MAKE_CELL /
/// COPY_FREE_VARS prologue), and constants of the shape CPython requires (KW_NAMES: a tuple of str).
/// </summary>
internal sealed class OperandRules(Code model, BytecodeDialect dialect, AssemblyLayout layout)
{
    private readonly bool optimized = (model.Flags & Code.CoOptimized) != 0;
    private readonly (int Min, int Max) dupTopX = DupTopXOperands(dialect.Version);

    /// <summary>The failure of instruction <paramref name="i"/> reached at <paramref name="depth"/>, or null.</summary>
    public RuleFailure? Check(int i, int depth)
    {
        ref readonly var s = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(layout.Slots)[i];
        var name = s.Op.Name;
        var arg = s.Arg;
        if (s.Op.Category == Versions.OpcodeCategory.Pseudo)
        {
            // The table's number for a pseudo instruction is no opcode: written as bytes it is another instruction.
            return new RuleFailure("pseudo instruction in code", $"a real opcode ({string.Join(" or ", s.Op.PseudoTargets.Select(o => o.Name).DefaultIfEmpty("nothing: the compiler drops it"))})", name);
        }

        switch (name)
        {
            case "SWAP" or "COPY" or "ROT_N" when arg < 1 || arg > depth:
                return new RuleFailure($"{name} operand out of range", $"1 to the stack depth {depth}", $"{arg}", Stack: arg > depth);
            case "DUP_TOPX" when arg < dupTopX.Min || arg > dupTopX.Max || arg > depth:
                // Any other count is a "Fatal Python error: invalid argument to DUP_TOPX" (an abort), not an exception.
                return new RuleFailure("DUP_TOPX operand out of range", $"{dupTopX.Min} to {dupTopX.Max} and at most the stack depth {depth}", $"{arg}", Stack: arg > depth);
            case "BINARY_OP" or "CALL_INTRINSIC_1" or "CALL_INTRINSIC_2" when !KnownValue(name, arg):
                // The interpreter indexes a table with the argument, unchecked.
                return new RuleFailure($"{name} argument out of range", $"one of the {dialect.Version} values (0 to {MaxValue(name)})", $"{arg}");
            case "KW_NAMES" when s.Instr.Arg is not PyTuple { Items: var items } || items.Any(n => n is not PyString):
                return new RuleFailure("KW_NAMES needs a tuple of keyword names", "a tuple of str constants", Describe(s.Instr.Arg));
        }

        if (s.Op.HasLocal && !optimized)
        {
            foreach (var local in Locals(s.Instr.Arg))
            {
                if (!DeclaredLocal(local))
                {
                    return new RuleFailure(
                        "fast local in code without fast locals",
                        "a local the code declares (module and class code, without CO_OPTIMIZED, keep names in a dict: use LOAD_NAME/STORE_NAME)",
                        $"'{local}' not declared");
                }
            }
        }

        if (dialect.UsesLocalsPlus && s.Op.HasFree && !s.Op.HasLocal && s.Instr.Arg is string cell && name != "MAKE_CELL" && !IsCellOrFree(cell))
        {
            return new RuleFailure($"{name} on a variable that is neither a cell nor a free variable", "a declared cell or free variable", $"'{cell}' is a plain local");
        }

        return null;
    }

    /// <summary>3.11+: every cell gets MAKE_CELL and the free variables COPY_FREE_VARS before the code uses them.</summary>
    public void CheckPrologue(StackFlow flow, Func<int, string, string, string, Exception> fail)
    {
        if (!dialect.UsesLocalsPlus)
        {
            return;
        }

        var cells = model.LocalsPlus.Where(l => (l.Kind & LocalKinds.Cell) != 0).Select(l => l.Name.Value).ToHashSet(StringComparer.Ordinal);
        var frees = model.LocalsPlus.Count(l => (l.Kind & LocalKinds.Free) != 0);
        if (cells.Count == 0 && frees == 0)
        {
            return;
        }

        var made = new HashSet<string>(StringComparer.Ordinal);
        var copied = -1;
        var end = 0;
        for (; end < layout.Slots.Count; end++)
        {
            var s = layout.Slots[end];
            if (s.Op.Name == "MAKE_CELL" && s.Instr.Arg is string c)
            {
                made.Add(c);
            }
            else if (s.Op.Name == "COPY_FREE_VARS")
            {
                copied = s.Arg;
            }
            else if (s.Op.Name is not ("NOP" or "RETURN_GENERATOR" or "POP_TOP"))
            {
                break;
            }
        }

        if (frees > 0 && copied != frees)
        {
            throw fail(end, "missing COPY_FREE_VARS prologue", $"COPY_FREE_VARS {frees} before the first instruction that uses them", copied < 0 ? "none" : $"COPY_FREE_VARS {copied}");
        }

        var missing = cells.Where(c => !made.Contains(c)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw fail(end, "missing MAKE_CELL prologue", $"MAKE_CELL for every cell ({string.Join(", ", cells.Order(StringComparer.Ordinal))}) at the start", $"none for {string.Join(", ", missing)}");
        }
    }

    /// <summary>
    /// The counts DUP_TOPX copies, by era: 2.0–2.2 interpret 1 to 5; from 2.3 (until the opcode went in 3.2) only 2 and 3,
    /// the counts the compiler emits (slices and subscripts in augmented assignments).
    /// </summary>
    private static (int Min, int Max) DupTopXOperands(Versions.PythonVersion v) =>
        v < Versions.PythonVersion.V2_3 ? (1, 5) : (2, 3);

    // A loop, not Any with a lambda capturing the argument: this runs for every BINARY_OP.
    private bool KnownValue(string opcode, int arg)
    {
        if (!dialect.Table.ArgumentNames.TryGetValue(opcode, out var values))
        {
            return true;
        }

        for (var k = 0; k < values.Count; k++)
        {
            if (values[k].Value == arg)
            {
                return true;
            }
        }

        return false;
    }

    private int MaxValue(string opcode) =>
        dialect.Table.ArgumentNames.TryGetValue(opcode, out var values) && values.Count > 0 ? values.Max(v => v.Value) : 0;

    private static IEnumerable<string> Locals(object? arg) => arg switch
    {
        string s => [s],
        LocalPair p => [p.First, p.Second],
        _ => [],
    };

    private bool DeclaredLocal(string name) => dialect.UsesLocalsPlus
        ? model.LocalsPlus.Any(l => l.Name.Value == name)
        : model.VarNames.Any(v => v.Value == name);

    private bool IsCellOrFree(string name) => model.LocalsPlus.Any(l => l.Name.Value == name && (l.Kind & (LocalKinds.Cell | LocalKinds.Free)) != 0);

    private static string Describe(object? arg) => arg switch
    {
        null => "nothing",
        PyString s => $"the str '{s.Value}'",
        PyTuple t => $"a tuple with {string.Join(", ", t.Items.Select(i => i.GetType().Name))}",
        _ => arg.GetType().Name,
    };
}
