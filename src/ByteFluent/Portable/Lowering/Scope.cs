using ByteFluent.Portable.Syntax;

namespace ByteFluent.Portable.Lowering;

internal enum ScopeKind
{
    Module,
    Class,
    Function,
}

/// <summary>How a name is reached from one scope.</summary>
internal enum NameAccess
{
    /// <summary>LOAD_FAST family.</summary>
    Fast,

    /// <summary>LOAD_DEREF family (cell or free).</summary>
    Deref,

    /// <summary>LOAD_GLOBAL family.</summary>
    Global,

    /// <summary>LOAD_NAME family.</summary>
    Name,
}

/// <summary>One code object's names: parameters, locals, cells and frees, found from the statements (like CPython's symtable).</summary>
internal sealed class Scope
{
    public Scope(ScopeKind kind, string name, Scope? parent)
    {
        Kind = kind;
        Name = name;
        Parent = parent;
    }

    public ScopeKind Kind { get; }

    public string Name { get; }

    public Scope? Parent { get; }

    public List<string> Params { get; } = [];

    /// <summary>Bound names in first-binding order (parameters first).</summary>
    public List<string> Bound { get; } = [];

    public HashSet<string> Used { get; } = [];

    public HashSet<string> DeclaredGlobal { get; } = [];

    public HashSet<string> DeclaredNonlocal { get; } = [];

    public List<string> Cells { get; } = [];

    public List<string> Frees { get; } = [];

    public bool IsGenerator { get; set; }

    public bool IsCoroutine { get; set; }

    public Dictionary<object, Scope> Children { get; } = new(ReferenceEqualityComparer.Instance);

    public string QualName { get; set; } = string.Empty;

    public bool IsFunction => Kind == ScopeKind.Function;

    public void Bind(string name)
    {
        if (!Bound.Contains(name))
        {
            Bound.Add(name);
        }
    }

    public bool IsLocal(string name) => IsFunction && Bound.Contains(name) && !DeclaredGlobal.Contains(name) && !DeclaredNonlocal.Contains(name);

    public NameAccess Access(string name)
    {
        if (DeclaredGlobal.Contains(name))
        {
            return NameAccess.Global;
        }

        if (Cells.Contains(name) || Frees.Contains(name))
        {
            return Kind == ScopeKind.Class && !Bound.Contains(name) ? NameAccess.Deref : (Kind == ScopeKind.Class ? NameAccess.Name : NameAccess.Deref);
        }

        return Kind switch
        {
            ScopeKind.Function => Bound.Contains(name) ? NameAccess.Fast : NameAccess.Global,
            _ => NameAccess.Name,
        };
    }

    /// <summary>The locals in slot order: parameters, then the other bound names that are not cells only.</summary>
    public IEnumerable<string> LocalSlots() => Bound.Where(n => IsLocal(n) && (Params.Contains(n) || !Cells.Contains(n)));
}
