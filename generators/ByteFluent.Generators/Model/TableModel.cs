namespace ByteFluent.Generators.Model;

/// <summary>One opcode table file, parsed and checked: the generator's input model (value-equatable).</summary>
internal sealed record TableModel(
    string FileName,
    string Namespace,
    string ClassName,
    string Version,
    string Interpreter,
    string Source,
    int Magic,
    string MagicBytes,
    int MarshalVersion,
    int HaveArgument,
    int ExtendedArg,
    bool Wordcode,
    EquatableArray<OpcodeModel> Opcodes,
    EquatableArray<SetModel> Sets,
    EquatableArray<string> CmpOp,
    EquatableArray<ArgumentGroupModel> ArgumentNames,
    EquatableArray<CoFlagModel> CoFlags,
    bool IsPyPy = false)
{
    /// <summary>"CPython" or "PyPy" (the table's optional <c>implementation</c>), for documentation text.</summary>
    public string Family => IsPyPy ? "PyPy" : "CPython";

    /// <summary>The version as (major, minor) for ordering.</summary>
    public (int Major, int Minor) VersionKey
    {
        get
        {
            var dot = Version.IndexOf('.');
            return (int.Parse(Version.Substring(0, dot), System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(Version.Substring(dot + 1), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>One opcode of a table.</summary>
internal sealed record OpcodeModel(
    string Name,
    string Identifier,
    int Number,
    string Category,
    bool HasArg,
    EquatableArray<string> Sets,
    int Cache,
    FormulaModel? NoJump,
    FormulaModel? Jump,
    FormulaModel? Pops,
    string? Deopt,
    EquatableArray<string> Targets,
    string ArgumentKind);

/// <summary>
/// A stack formula: <c>base + arg*oparg + lo*(oparg &amp; 0xFF) + hi*(oparg &gt;&gt; 8) + table[oparg &amp; mask]</c>, except for
/// the arguments in <see cref="Cases"/> (flattened pairs: oparg, value, oparg, value, ...; ascending by oparg).
/// </summary>
internal sealed record FormulaModel(int Base, int Arg, int Lo, int Hi, int Mask, EquatableArray<int> Table, EquatableArray<int> Cases)
{
    /// <summary>The value for one argument (a listed case wins over the terms).</summary>
    public int Evaluate(int oparg)
    {
        for (var i = 0; i < Cases.Count; i += 2)
        {
            if (Cases[i] == oparg)
            {
                return Cases[i + 1];
            }
        }

        return Base + (Arg * oparg) + (Lo * (oparg & 0xFF)) + (Hi * (oparg >> 8)) + Table[oparg & Mask];
    }
}

/// <summary>A <c>has*</c> set by opcode name.</summary>
internal sealed record SetModel(string Name, EquatableArray<string> Opcodes);

/// <summary>The named argument values of one opcode.</summary>
internal sealed record ArgumentGroupModel(string Opcode, EquatableArray<ArgumentNameModel> Values);

/// <summary>One named argument value.</summary>
internal sealed record ArgumentNameModel(int Value, string Name, string? Symbol);

/// <summary>A <c>CO_*</c> flag.</summary>
internal sealed record CoFlagModel(string Name, int Value);

/// <summary>What the generator emits for one table: the table and, per opcode, which tables share its name.</summary>
internal sealed record TableEmission(TableModel Table, EquatableArray<string> Availability, EquatableArray<string> AllTables);

/// <summary>Which tables have each opcode name (label per table: its version, or its class name when versions repeat).</summary>
internal sealed record NameIndex(EquatableArray<NameAvailability> Names, EquatableArray<string> Tables);

/// <summary>The tables that have one opcode name, as display text (e.g. <c>2.7, 3.6–3.10</c>).</summary>
internal sealed record NameAvailability(string Name, string Tables);
