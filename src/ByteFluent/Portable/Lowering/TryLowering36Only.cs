namespace ByteFluent.Portable.Lowering;

/// <summary>3.6: as 3.7, except that <c>except … as name</c> runs POP_EXCEPT before its name cleanup.</summary>
internal sealed class TryLowering36Only : TryLowering36
{
    protected override bool PopsExceptBeforeNameCleanup => true;
}
