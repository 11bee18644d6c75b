using System.Globalization;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent opcodes [--python X.Y] [--real]</c>: a version's opcode table.</summary>
internal sealed class OpcodesCommand : ICommand
{
    private static readonly PythonVersion DefaultVersion = PythonVersion.V3_13;

    public string Name => "opcodes";

    public string Summary => "Print the opcode table of a CPython version (default 3.13).";

    public string Help => """
        usage: bytefluent opcodes [--python X.Y] [--real]

        Prints every opcode of a CPython version, as extracted from the real interpreter: number, name,
        category (real, specialized, instrumented, pseudo), argument kind, inline cache entries and stack
        effect (pops -> pushes, net; "jump:" gives the effect when the jump is taken, where it differs).
        Formulas are in terms of the instruction's argument, oparg.

          --python X.Y   the version (2.7, 3.6 ... 3.15; default 3.13)
          --real         only the opcodes that may appear in a .pyc
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var version = DefaultVersion;
        var realOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--python" when i + 1 < args.Count:
                    version = ParseVersion(args[++i]);
                    break;
                case "--real":
                    realOnly = true;
                    break;
                default:
                    throw new UsageException($"unexpected argument '{args[i]}'");
            }
        }

        if (!OpcodeTables.TryGetForVersion(version, out var table))
        {
            throw new UsageException($"no opcode table for Python {version}; supported: {string.Join(", ", OpcodeTables.All.Select(t => t.Version))}");
        }

        Print(table, realOnly, stdout);
        return 0;
    }

    private static PythonVersion ParseVersion(string text)
    {
        try
        {
            return PythonVersion.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Print(OpcodeTable table, bool realOnly, TextWriter w)
    {
        var opcodes = table.Opcodes.Where(o => !realOnly || o.IsReal).ToList();
        var magic = Convert.ToHexStringLower(table.MagicBytes.ToArray());
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPython {table.Version} (read from {table.Interpreter}, {table.Source}): magic {table.Magic} ({magic}), {(table.Wordcode ? "wordcode" : "1/3-byte instructions")}, {opcodes.Count} opcodes"));
        var nameWidth = Math.Max(4, opcodes.Max(o => o.Name.Length));
        w.WriteLine($"{"num",5}  {"name".PadRight(nameWidth)}  {"category",-12}  {"argument",-16}  {"cache",5}  stack effect");
        foreach (var op in opcodes)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{op.Number,5}  {op.Name.PadRight(nameWidth)}  {op.Category.ToString().ToLowerInvariant(),-12}  {op.ArgumentKind,-16}  {op.CacheEntries,5}  {StackText(op)}"));
        }
    }

    private static string StackText(Opcode op)
    {
        if (op.NoJumpEffect is not { } net)
        {
            return "-";
        }

        if (op.PopsFormula is not { } pops)
        {
            return "net " + Signed(net) + JumpText(op, null);
        }

        return $"{pops} -> {pops + net} ({Signed(net)}){JumpText(op, pops)}";
    }

    private static string JumpText(Opcode op, StackFormula? pops)
    {
        if (op.JumpEffect is not { } jump || jump == op.NoJumpEffect)
        {
            return string.Empty;
        }

        return pops is { } p ? $"; jump: {p} -> {p + jump} ({Signed(jump)})" : "; jump: net " + Signed(jump);
    }

    private static string Signed(StackFormula f)
    {
        var text = f.ToString();
        return f.DependsOnOparg || f.Base <= 0 ? text : "+" + text;
    }
}
