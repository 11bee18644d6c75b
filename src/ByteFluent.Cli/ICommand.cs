namespace ByteFluent.Cli;

/// <summary>One <c>bytefluent</c> sub-command.</summary>
internal interface ICommand
{
    /// <summary>The word that selects the command.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full <c>--help</c> text.</summary>
    string Help { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr);
}
