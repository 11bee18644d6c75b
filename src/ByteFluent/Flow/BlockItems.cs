using System.Collections.ObjectModel;
using ByteFluent.Model;

namespace ByteFluent.Flow;

/// <summary>
/// The body of a <see cref="BasicBlock"/>: its instructions and the <see cref="SetLineno"/> markers among them.
/// Labels and exception-region markers belong to the block's <see cref="BasicBlock.Header"/> (a label starts a
/// block, a region boundary too), so they are refused here. Every change marks the graph's edges for recomputation.
/// </summary>
public sealed class BlockItems : Collection<CodeItem>
{
    private readonly BasicBlock owner;

    internal BlockItems(BasicBlock owner) => this.owner = owner;

    /// <inheritdoc/>
    protected override void InsertItem(int index, CodeItem item)
    {
        Check(item);
        base.InsertItem(index, item);
        owner.Changed();
    }

    /// <inheritdoc/>
    protected override void SetItem(int index, CodeItem item)
    {
        Check(item);
        base.SetItem(index, item);
        owner.Changed();
    }

    /// <inheritdoc/>
    protected override void RemoveItem(int index)
    {
        base.RemoveItem(index);
        owner.Changed();
    }

    /// <inheritdoc/>
    protected override void ClearItems()
    {
        base.ClearItems();
        owner.Changed();
    }

    internal void AddUnchecked(CodeItem item) => Items.Add(item);

    private static void Check(CodeItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is not (Instr or SetLineno))
        {
            throw new ArgumentException($"a block body holds instructions and line markers, not {item.GetType().Name} ({item}); labels and exception regions are the block's header", nameof(item));
        }
    }
}
