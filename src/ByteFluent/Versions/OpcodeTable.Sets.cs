
namespace ByteFluent.Versions;

/// <summary>The <c>has*</c> sets of a table.</summary>
public sealed partial class OpcodeTable
{
    // Empty stand-ins for the sets a version does not define, made once each.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpcodeSet> _undefinedSets = new(StringComparer.Ordinal);

    /// <summary>Every <c>has*</c> set the version's <c>opcode</c>/<c>dis</c> modules define, by name (e.g. <c>hasconst</c>).</summary>
    public IReadOnlyDictionary<string, OpcodeSet> Sets { get; }

    /// <summary><c>hasconst</c>: the argument indexes <c>co_consts</c>.</summary>
    public OpcodeSet HasConst => SetOrEmpty("hasconst");

    /// <summary><c>hasname</c>: the argument indexes <c>co_names</c>.</summary>
    public OpcodeSet HasName => SetOrEmpty("hasname");

    /// <summary><c>hasjrel</c>: relative jumps.</summary>
    public OpcodeSet HasJrel => SetOrEmpty("hasjrel");

    /// <summary><c>hasjabs</c>: absolute jumps.</summary>
    public OpcodeSet HasJabs => SetOrEmpty("hasjabs");

    /// <summary>Every jump: <c>hasjump</c> where the version defines it (3.13+), else <c>hasjrel</c> ∪ <c>hasjabs</c>.</summary>
    public OpcodeSet HasJump { get; }

    /// <summary><c>haslocal</c>: the argument is a local variable slot.</summary>
    public OpcodeSet HasLocal => SetOrEmpty("haslocal");

    /// <summary><c>hascompare</c>: the argument selects a comparison of <see cref="CmpOp"/>.</summary>
    public OpcodeSet HasCompare => SetOrEmpty("hascompare");

    /// <summary><c>hasfree</c>: the argument is a cell or free variable.</summary>
    public OpcodeSet HasFree => SetOrEmpty("hasfree");

    /// <summary><c>hasexc</c> (3.12+): pseudo opcodes that set up an exception handler; empty before 3.12.</summary>
    public OpcodeSet HasExc => SetOrEmpty("hasexc");

    /// <summary><c>hasnargs</c>: the argument counts arguments (empty where the version defines none).</summary>
    public OpcodeSet HasNargs => SetOrEmpty("hasnargs");

    /// <summary>Opcodes that take an argument: <c>hasarg</c> (3.12+), else those numbered from <see cref="HaveArgument"/>.</summary>
    public OpcodeSet HasArg { get; }

    /// <summary>The named set.</summary>
    /// <exception cref="UnknownOpcodeSetException">The version does not define it.</exception>
    public OpcodeSet GetSet(string name)
    {
        if (Sets.TryGetValue(name, out var set))
        {
            return set;
        }

        return name switch
        {
            "hasjump" => HasJump,
            "hasarg" => HasArg,
            _ => throw new UnknownOpcodeSetException(this, name),
        };
    }

    private OpcodeSet SetOrEmpty(string name)
        => Sets.TryGetValue(name, out var set) ? set : _undefinedSets.GetOrAdd(name, static (n, table) => new OpcodeSet(table, n, false, [], 0), this);

    private Dictionary<string, OpcodeSet> BuildSets(OpcodeTableDefinition definition, int limit)
    {
        var sets = new Dictionary<string, OpcodeSet>(StringComparer.Ordinal);
        foreach (var set in definition.Sets)
        {
            foreach (var n in set.Numbers)
            {
                if ((uint)n >= (uint)limit || _infos[n] is null)
                {
                    throw Invalid($"set {set.Name} holds number {n}, which is not an opcode.");
                }

                _infos[n]!.Sets |= OpcodeInfo.FromSetName(set.Name);
            }

            if (!sets.TryAdd(set.Name, new OpcodeSet(this, set.Name, true, set.Numbers, limit)))
            {
                throw Invalid($"set {set.Name} is defined twice.");
            }
        }

        return sets;
    }
}
