namespace ByteFluent.Cli.Console;

/// <summary>When to color the output: <c>--color auto|always|never</c>.</summary>
internal enum ColorMode
{
    /// <summary>Only when standard output is a terminal and NO_COLOR is not set.</summary>
    Auto,

    /// <summary>Always (even in pipes, and in spite of NO_COLOR).</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}

/// <summary>ANSI colors for listings and diffs, or plain text when colors are off.</summary>
internal sealed class Palette
{
    private Palette(bool enabled) => Enabled = enabled;

    /// <summary>No colors.</summary>
    public static Palette Plain { get; } = new(false);

    /// <summary>Whether escapes are written.</summary>
    public bool Enabled { get; }

    /// <summary>
    /// The palette for <paramref name="mode"/> writing to <paramref name="stdout"/>: <c>auto</c> colors only the real
    /// console output when it is not redirected, <c>NO_COLOR</c> is unset or empty and <c>TERM</c> is not <c>dumb</c>.
    /// </summary>
    public static Palette For(ColorMode mode, TextWriter stdout) => mode switch
    {
        ColorMode.Always => new Palette(true),
        ColorMode.Never => Plain,
        _ => new Palette(ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb"),
    };

    /// <summary>Parses the value of <c>--color</c>.</summary>
    public static ColorMode ParseMode(string value) => value switch
    {
        "auto" => ColorMode.Auto,
        "always" => ColorMode.Always,
        "never" => ColorMode.Never,
        _ => throw new UsageException($"--color takes auto, always or never, not '{value}'"),
    };

    /// <summary>Opcode names.</summary>
    public string Opcode(string text) => Paint(text, "36");

    /// <summary>Arguments.</summary>
    public string Arg(string text) => Paint(text, "33");

    /// <summary>Labels, jump targets and exception regions.</summary>
    public string Label(string text) => Paint(text, "35");

    /// <summary>Line numbers.</summary>
    public string Line(string text) => Paint(text, "32");

    /// <summary>Entries that are not instructions of their own (CACHE, EXTENDED_ARG) and raw bytes.</summary>
    public string Dim(string text) => Paint(text, "2");

    /// <summary>Headings.</summary>
    public string Bold(string text) => Paint(text, "1");

    /// <summary>Removed lines of a diff.</summary>
    public string Removed(string text) => Paint(text, "31");

    /// <summary>Added lines of a diff.</summary>
    public string Added(string text) => Paint(text, "32");

    private string Paint(string text, string code) => Enabled && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
