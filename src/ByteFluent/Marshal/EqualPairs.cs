using System.Runtime.CompilerServices;

namespace ByteFluent.Marshal;

/// <summary>
/// The pairs of containers already found equal during the outermost structural comparison running on this thread.
/// Values shared through marshal references form DAGs whose paths are exponential in their depth; two distinct but
/// equal DAGs would be compared path by path without it. Each pair is compared once: a pair found unequal ends the
/// whole comparison (every structural comparison is a conjunction), and a pair found equal is not compared again,
/// so comparing two DAGs is linear in their sizes. The record is dropped when the outermost comparison returns.
/// </summary>
internal static class EqualPairs
{
    [ThreadStatic]
    private static HashSet<Pair>? known;

    [ThreadStatic]
    private static int depth;

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> (element arrays or other containers, compared by
    /// identity) are equal by <paramref name="compare"/>, asking it at most once per pair and relation.
    /// </summary>
    public static bool Check<T>(T a, T b, bool strict, Func<T, T, bool> compare)
        where T : class
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        var pair = new Pair(a, b, strict);
        if (known is not null && known.Contains(pair))
        {
            return true;
        }

        depth++;
        try
        {
            if (!compare(a, b))
            {
                return false;
            }

            (known ??= new HashSet<Pair>(PairComparer.Instance)).Add(pair);
            return true;
        }
        finally
        {
            if (--depth == 0 && known is not null)
            {
                known = known.Count > 1024 ? null : known;
                known?.Clear();
            }
        }
    }

    private readonly record struct Pair(object A, object B, bool Strict);

    private sealed class PairComparer : IEqualityComparer<Pair>
    {
        public static PairComparer Instance { get; } = new();

        public bool Equals(Pair x, Pair y) => ReferenceEquals(x.A, y.A) && ReferenceEquals(x.B, y.B) && x.Strict == y.Strict;

        public int GetHashCode(Pair obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.A), RuntimeHelpers.GetHashCode(obj.B), obj.Strict);
    }
}
