namespace ByteFluent.Cli.Roundtrip;

/// <summary>The levels <c>bytefluent roundtrip --level</c> accepts (each level in its own file).</summary>
internal static class RoundtripLevels
{
    /// <summary>Every level, by name.</summary>
    public static IReadOnlyList<RoundtripLevel> All { get; } =
    [
        new FileRoundtripLevel(),
        new DelegateRoundtripLevel("code", "every code object through the Code model (FromCode, ToCode) compared field by field", Commands.CodeRoundtripLevel.Run),
    ];

    /// <summary>The level called <paramref name="name"/>, or null.</summary>
    public static RoundtripLevel? Find(string name) => All.FirstOrDefault(l => l.Name == name);
}
