namespace ByteFluent.Marshal;

/// <summary>The marshal type codes (one byte; bit 7 is FLAG_REF from marshal version 3).</summary>
internal static class MarshalType
{
    public const byte FlagRef = 0x80;
    public const byte Null = (byte)'0';
    public const byte None = (byte)'N';
    public const byte False = (byte)'F';
    public const byte True = (byte)'T';
    public const byte StopIteration = (byte)'S';
    public const byte Ellipsis = (byte)'.';
    public const byte Int = (byte)'i';
    public const byte Int64 = (byte)'I';
    public const byte Float = (byte)'f';
    public const byte BinaryFloat = (byte)'g';
    public const byte Complex = (byte)'x';
    public const byte BinaryComplex = (byte)'y';
    public const byte Long = (byte)'l';
    public const byte String = (byte)'s';
    public const byte Interned = (byte)'t';
    public const byte Ref = (byte)'r';
    public const byte StringRef = (byte)'R';
    public const byte Tuple = (byte)'(';
    public const byte SmallTuple = (byte)')';
    public const byte List = (byte)'[';
    public const byte Dict = (byte)'{';
    public const byte FrozenDict = (byte)'}';
    public const byte Code = (byte)'c';
    public const byte OldCode = (byte)'C';
    public const byte Unicode = (byte)'u';
    public const byte Unknown = (byte)'?';
    public const byte Set = (byte)'<';
    public const byte FrozenSet = (byte)'>';
    public const byte Slice = (byte)':';
    public const byte Ascii = (byte)'a';
    public const byte AsciiInterned = (byte)'A';
    public const byte ShortAscii = (byte)'z';
    public const byte ShortAsciiInterned = (byte)'Z';

    /// <summary>The printable name of a type code for messages.</summary>
    public static string Describe(byte code) => code is >= 0x20 and < 0x7F
        ? $"'{(char)code}' (0x{code:x2})"
        : $"0x{code:x2}";
}
