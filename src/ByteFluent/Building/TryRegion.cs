using ByteFluent.Model;

namespace ByteFluent.Building;

/// <summary>An exception region opened by a builder's <c>BeginTry</c> (3.11+), closed by its <c>EndTry</c>.</summary>
public sealed class TryRegion
{
    internal TryRegion(int owner, ExceptionRegion region)
    {
        Owner = owner;
        Region = region;
    }

    internal int Owner { get; }

    /// <summary>The model's region: handler label, stack depth at the handler, whether <c>lasti</c> is pushed.</summary>
    public ExceptionRegion Region { get; }

    /// <summary>Whether <c>EndTry</c> has closed it.</summary>
    public bool IsClosed { get; internal set; }
}
