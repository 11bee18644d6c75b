namespace ByteFluent.Cli.Roundtrip;

/// <summary>
/// One <c>--level</c> of <c>bytefluent roundtrip</c>. The command finds the .pyc files and hands them to the level,
/// which reads and rewrites them, prints its report (text or JSON) and returns the exit code. Levels are listed in
/// <see cref="RoundtripLevels"/>; <see cref="TallyRoundtripLevel"/> does the parallel run, progress and output
/// for levels that only need to check one file at a time, and <see cref="DelegateRoundtripLevel"/> wraps a
/// level implemented as a single function.
/// </summary>
internal abstract class RoundtripLevel
{
    /// <summary>The word after <c>--level</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for the help text.</summary>
    public abstract string Description { get; }

    /// <summary>Round-trips <paramref name="pycFiles"/>, prints the report, returns the exit code (0 only when all is identical).</summary>
    public abstract int Run(IReadOnlyList<string> pycFiles, bool json, TextWriter stdout, TextWriter stderr);
}

/// <summary>A level given as a function (for example <c>code</c>: <c>new DelegateRoundtripLevel("code", "...", CodeRoundtripLevel.Run)</c>).</summary>
internal sealed class DelegateRoundtripLevel(string name, string description, Func<IReadOnlyList<string>, bool, TextWriter, TextWriter, int> run) : RoundtripLevel
{
    public override string Name => name;

    public override string Description => description;

    public override int Run(IReadOnlyList<string> pycFiles, bool json, TextWriter stdout, TextWriter stderr) => run(pycFiles, json, stdout, stderr);
}
