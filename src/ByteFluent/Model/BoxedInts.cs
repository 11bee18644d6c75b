namespace ByteFluent.Model;

/// <summary>
/// Shared boxes for the small integers instruction arguments mostly are: the model keeps arguments as objects, and
/// boxing one per instruction was a large part of what decoding allocated. Boxed ints compare by value, so sharing
/// them changes nothing a caller can see.
/// </summary>
internal static class BoxedInts
{
    private const int Cached = 1024;
    private static readonly object[] Boxes = Create();

    /// <summary>A box holding <paramref name="value"/>.</summary>
    public static object Get(int value) => (uint)value < Cached ? Boxes[value] : value;

    private static object[] Create()
    {
        var boxes = new object[Cached];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = i;
        }

        return boxes;
    }
}
