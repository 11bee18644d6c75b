namespace ByteFluent.Assembly;

/// <summary>An immutable stack of item kinds, shared between states (pushing and popping allocate nothing for the rest).</summary>
internal sealed class StackShape
{
    private StackShape(StackItemKind kind, StackShape? below)
    {
        Kind = kind;
        Below = below;
        Depth = (below?.Depth ?? 0) + 1;
    }

    /// <summary>The top item's kind.</summary>
    public StackItemKind Kind { get; }

    /// <summary>The items below.</summary>
    public StackShape? Below { get; }

    /// <summary>The number of items.</summary>
    public int Depth { get; }

    public static int DepthOf(StackShape? s) => s?.Depth ?? 0;

    // One-item stacks, one per kind: immutable, so every analysis on every thread shares them (statement after statement
    // starts from the empty stack, and these were a large part of the shapes allocated).
    private static readonly StackShape[] Roots = MakeRoots();

    public static StackShape Push(StackShape? s, StackItemKind kind) =>
        s is null && (uint)kind < (uint)Roots.Length ? Roots[(int)kind] : new(kind, s);

    private static StackShape[] MakeRoots()
    {
        var kinds = Enum.GetValues<StackItemKind>();
        var max = 0;
        foreach (var k in kinds)
        {
            max = Math.Max(max, (int)k);
        }

        var roots = new StackShape[max + 1];
        for (var k = 0; k < roots.Length; k++)
        {
            roots[k] = new StackShape((StackItemKind)k, null);
        }

        return roots;
    }

    public static StackShape? Pop(StackShape? s, int n)
    {
        for (var i = 0; i < n && s is not null; i++)
        {
            s = s.Below;
        }

        return s;
    }

    /// <summary>The kind of the item <paramref name="n"/> from the top (1 = top).</summary>
    public static StackItemKind Peek(StackShape? s, int n)
    {
        var at = Pop(s, n - 1);
        return at?.Kind ?? StackItemKind.Value;
    }

    /// <summary>The top <paramref name="n"/> kinds, bottom first.</summary>
    public static StackItemKind[] Top(StackShape? s, int n)
    {
        var result = new StackItemKind[Math.Min(n, DepthOf(s))];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = s!.Kind;
            s = s.Below;
        }

        return result;
    }

    public static StackShape? PushAll(StackShape? s, StackItemKind[] kinds)
    {
        foreach (var k in kinds)
        {
            s = Push(s, k);
        }

        return s;
    }

    /// <summary>All kinds, bottom first.</summary>
    public static StackItemKind[] All(StackShape? s) => Top(s, DepthOf(s));

    /// <summary>Both of the same depth: the pointwise merge (equal kinds stay, None and a finally status give a finally status, else a value).</summary>
    public static StackShape? Merge(StackShape? a, StackShape? b)
    {
        // Walk down until both share their rest; rebuild only the part above it, and only when a kind changes (the
        // first walk only looks: most joins change nothing, and they then allocate nothing).
        var x = a;
        var y = b;
        while (!ReferenceEquals(x, y) && x is not null && y is not null && MergeKind(x.Kind, y.Kind) == x.Kind)
        {
            x = x.Below;
            y = y.Below;
        }

        if (ReferenceEquals(x, y) || x is null || y is null)
        {
            return a;
        }

        var kinds = All(a);
        for (x = a, y = b; !ReferenceEquals(x, y) && x is not null && y is not null; x = x.Below, y = y.Below)
        {
            kinds[x.Depth - 1] = MergeKind(x.Kind, y.Kind);
        }

        return PushAll(null, kinds);
    }

    private static StackItemKind MergeKind(StackItemKind a, StackItemKind b) => a == b ? a
        : IsStatus(a) && IsStatus(b) ? StackItemKind.FinallyStatus
        : StackItemKind.Value;

    // What a finally block may start with on its normal entry: None (2.7–3.7), NULL (3.8), or a status of either.
    private static bool IsStatus(StackItemKind k) => k is StackItemKind.NoneConstant or StackItemKind.Null or StackItemKind.FinallyStatus;
}
