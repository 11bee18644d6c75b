using ByteFluent.Cli;

namespace ByteFluent.Tests.Cli;

/// <summary><c>--help</c> on every command, and the command list of <c>bytefluent --help</c>.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> CommandNames() => [.. CommandLine.Commands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_command_prints_its_usage_for_help_and_exits_0(string name)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = CliRunner.Run(name, flag);
            Assert.Equal(0, code);
            Assert.Equal(string.Empty, stderr);
            Assert.StartsWith($"usage: bytefluent {name}", stdout, StringComparison.Ordinal);
            Assert.True(stdout.Split('\n').Length >= 3, stdout);
        }
    }

    [Fact]
    public void Bytefluent_help_lists_every_command_with_its_summary()
    {
        var (code, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: bytefluent COMMAND", stdout, StringComparison.Ordinal);
        foreach (var c in CommandLine.Commands)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Summary));
            Assert.Contains(stdout.Split('\n'), line => line.TrimStart().StartsWith(c.Name + " ", StringComparison.Ordinal) && line.Contains(c.Summary, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_unknown_command_or_option_is_a_usage_error_with_exit_code_2()
    {
        var (code, _, stderr) = CliRunner.Run("no-such-command");
        Assert.Equal(2, code);
        Assert.Contains("unknown command 'no-such-command'", stderr, StringComparison.Ordinal);

        (code, _, stderr) = CliRunner.Run("diff", "--no-such-option", "a", "b");
        Assert.Equal(2, code);
        Assert.Contains("Try 'bytefluent diff --help'", stderr, StringComparison.Ordinal);
    }
}
