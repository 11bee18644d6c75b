namespace ByteFluent.Versions;

/// <summary>The sets an <see cref="Opcode"/> answers about directly, as bits for one-load membership tests.</summary>
[Flags]
internal enum KnownSets
{
    None = 0,
    Const = 1 << 0,
    Name = 1 << 1,
    Jrel = 1 << 2,
    Jabs = 1 << 3,
    Jump = 1 << 4,
    Local = 1 << 5,
    Compare = 1 << 6,
    Free = 1 << 7,
    Exc = 1 << 8,
    Nargs = 1 << 9,
    Arg = 1 << 10,
}

/// <summary>Everything an <see cref="OpcodeTable"/> knows about one opcode number, resolved once at construction.</summary>
internal sealed class OpcodeInfo(OpcodeDefinition definition)
{
    public string Name { get; } = definition.Name;

    public OpcodeCategory Category { get; } = definition.Category;

    public bool HasArg { get; } = definition.HasArg;

    public int CacheEntries { get; } = definition.CacheEntries;

    public OpcodeArgumentKind ArgumentKind { get; } = definition.ArgumentKind;

    public StackFormula? NoJump { get; } = definition.NoJump;

    public StackFormula? Jump { get; } = definition.Jump;

    public StackFormula? Pops { get; } = definition.Pops;

    public bool NeedsOparg { get; } = (definition.NoJump?.DependsOnOparg ?? false) || (definition.Jump?.DependsOnOparg ?? false)
                                      || (definition.Pops?.DependsOnOparg ?? false);

    public KnownSets Sets { get; set; }

    public int? Deopt { get; set; }

    public IReadOnlyList<Opcode> Targets { get; set; } = [];

    public IReadOnlyList<ArgumentName> ArgumentNames { get; set; } = [];

    internal static KnownSets FromSetName(string name) => name switch
    {
        "hasconst" => KnownSets.Const,
        "hasname" => KnownSets.Name,
        "hasjrel" => KnownSets.Jrel,
        "hasjabs" => KnownSets.Jabs,
        "hasjump" => KnownSets.Jump,
        "haslocal" => KnownSets.Local,
        "hascompare" => KnownSets.Compare,
        "hasfree" => KnownSets.Free,
        "hasexc" => KnownSets.Exc,
        "hasnargs" => KnownSets.Nargs,
        "hasarg" => KnownSets.Arg,
        _ => KnownSets.None,
    };
}
