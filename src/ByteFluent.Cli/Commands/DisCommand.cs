using System.Globalization;
using ByteFluent.Model;
using ByteFluent.Pyc;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent dis FILE.pyc</c>: the header and byteplay-style listing of every code object.</summary>
internal sealed class DisCommand : ICommand
{
    public string Name => "dis";

    public string Summary => "Disassemble a .pyc: header and every code object, nested ones included.";

    public string Help => """
        usage: bytefluent dis FILE.pyc

        Prints the .pyc header (version, magic number, invalidation mode) and, for the module code object and
        every code object nested in it, its attributes and its instruction listing in byteplay's printcodelist
        format: line numbers, list index, opcode, argument, "to N" for jumps and ">>" at jump targets.

        """ + DisAsmFormat.Help;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (DisAsmFormat.IsAsm(ref args))
        {
            return DisAsmFormat.Write(args, stdout, stderr);
        }

        if (args.Count != 1)
        {
            throw new UsageException("expects exactly one .pyc file");
        }

        var pyc = PycFile.Load(args[0]);
        var h = pyc.Header;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file:      {args[0]}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"version:   CPython {h.Version}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"magic:     {h.Magic} ({Convert.ToHexString([.. h.ToBytes().Take(4)]).ToLowerInvariant()})"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"header:    {h.Invalidation}, flags {h.Flags}, timestamp {h.Timestamp}, source size {h.SourceSize}"));
        var code = Code.FromCode(pyc.Code, h.Version);
        Print(code, stdout, string.Empty);
        return 0;
    }

    private static void Print(Code code, TextWriter w, string path)
    {
        var name = path.Length == 0 ? code.Name.Value : path + "." + code.Name.Value;
        w.WriteLine();
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"code object {name} (line {code.FirstLineNo}, {code.Filename.Value})"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  args: ({string.Join(", ", code.Args)}) argcount {code.ArgCount} posonly {code.PosOnlyArgCount} kwonly {code.KwOnlyArgCount} flags 0x{code.Flags:x}"));
        if (code.QualName is { } q)
        {
            w.WriteLine("  qualname: " + q.Value);
        }

        if (code.FreeVars.Count > 0 || code.CellVars.Count > 0)
        {
            w.WriteLine($"  freevars: ({string.Join(", ", code.FreeVars.Select(v => v.Value))}) cellvars: ({string.Join(", ", code.CellVars.Select(v => v.Value))})");
        }

        if (code.LocalsPlus.Count > 0)
        {
            w.WriteLine("  localsplus: " + string.Join(", ", code.LocalsPlus.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name.Value}:0x{l.Kind:x2}"))));
        }

        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stacksize: {code.ComputeStackSize()}"));
        w.Write(code.CodeList.ToString());
        foreach (var nested in code.NestedCode)
        {
            Print(nested, w, name);
        }
    }
}
