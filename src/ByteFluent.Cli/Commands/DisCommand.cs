using System.Globalization;
using ByteFluent.Cli.Console;
using ByteFluent.Cli.Disassembly;
using ByteFluent.Cli.Roundtrip;
using ByteFluent.Cli.Errors;
using ByteFluent.Diff;
using ByteFluent.Inspection;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent dis FILE</c>: the header and byteplay-style listing of every code object (options: <see cref="DisOptions"/>).</summary>
internal sealed class DisCommand : ICommand
{
    public string Name => "dis";

    public string Summary => "Disassemble a .pyc: header and every code object, nested ones included.";

    public string Help => """
        usage: bytefluent dis FILE|FOLDER... [--python X.Y] [--table TABLE.json] [--code QUALNAME] [--raw | --stack] [--strict] [--color auto|always|never]
                           [--format text|asm [--no-layout]]

        Prints the .pyc header (version, magic number, invalidation mode) and, for the module code object and
        every code object nested in it, its attributes and its instruction listing in byteplay's printcodelist
        format: line numbers, list index, opcode, argument, "to N" for jumps and ">>" at jump targets.
        Several files, or folders (every .pyc under them), are listed one after the other in path order,
        disassembled on all cores; a file that cannot be read is reported and the others are still listed.

        Code it cannot decode (unknown opcodes, table indexes out of range, jumps into an instruction or out of the
        code, broken line or exception tables: typical of obfuscated or damaged files) is listed as it is stored,
        unknown opcodes as <N> with their raw argument, with one warning line per problem on stderr
        (FILE: code object NAME: warning: TABLE at byte N: reason); the other code objects are listed as usual.

        Options:
          --strict          refuse the whole file at the first malformed code object (one error line, exit 3)
          --python X.Y      FILE is a headerless marshal stream of that version (what marshal.dumps(code)
                            writes), not a .pyc
          --table TABLE.json read the code with this opcode table (docs/opcode-table-format.md), e.g. a CPython
                            build with remapped opcode numbers; its magic number is accepted in the header
          --code QUALNAME   show only this code object (and the ones nested in it), by qualified name:
                            <module>, f, C.method, f.<locals>.g; a repeated name gets #2, #3, ...
          --raw             show the code as stored: byte offsets, the bytes in hex, numeric arguments, and
                            EXTENDED_ARG prefixes and inline CACHE entries on lines of their own
          --stack           a column with the stack depth before -> after each instruction (the per-instruction
                            stack analysis the verifier uses), and the stack's items where the era gives them a
                            kind (NULL, iter, exc, status, addr)
          --color WHEN      color opcodes, arguments and labels: auto (default: only on a terminal, and
                            not when NO_COLOR is set), always, never
          --format text|asm text (default): this listing; asm: text assembly that `bytefluent asm` reads
                            back into the identical .pyc (docs/asm-format.md); with --no-layout, without
                            its .layout section (the assembler then uses the default marshal encoding)

        Exit code: 0 on success (also when --strict is not given and some code objects were listed with warnings),
        2 for a usage error or a missing file, 3 for a malformed file (one line: FILE: offset N: reason; with
        --strict also for code the tolerant listing would have warned about), 4 for an I/O error, 70 for an
        internal error. --python, --code and --format asm take one file; in a list of files or folders a
        file that cannot be read is reported (one line) and the others are still listed, exit 3.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (DisAsmFormat.IsAsm(ref args))
        {
            return DisAsmFormat.Write(args, stdout, stderr);
        }

        var options = DisOptions.Parse(args);
        var palette = Palette.For(options.Color, stdout);
        if (options.Files is [var single] && !Directory.Exists(single))
        {
            return RunOne(single, options, stdout, stderr, palette);
        }

        if (options.Headerless is not null || options.CodeName is not null)
        {
            throw new UsageException("--python and --code take one file");
        }

        var missing = options.Files.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            throw new UsageException($"'{missing}' does not exist");
        }

        return RunMany(PycFinder.Find(options.Files), options, stdout, stderr, palette);
    }

    /// <summary>
    /// Lists many files in path order: a window of files is disassembled in parallel into text, then written in
    /// order, so memory stays bounded by the window however big the tree is.
    /// </summary>
    private static int RunMany(IReadOnlyList<string> files, DisOptions options, TextWriter stdout, TextWriter stderr, Palette palette)
    {
        var window = 8 * Environment.ProcessorCount;
        var outputs = new StringWriter[window];
        var errors = new StringWriter[window];
        var codes = new int[window];
        var status = 0;
        for (var start = 0; start < files.Count; start += window)
        {
            var count = Math.Min(window, files.Count - start);
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                outputs[i] = new StringWriter(CultureInfo.InvariantCulture);
                errors[i] = new StringWriter(CultureInfo.InvariantCulture);
                try
                {
                    codes[i] = RunOne(files[start + i], options, outputs[i], errors[i], palette);
                }
                catch (Exception e) when (ErrorText.IsDocumented(e) || e is InputException or IOException or UnauthorizedAccessException)
                {
                    errors[i].WriteLine(ErrorText.OneLine(e is InputException input ? input.Line : $"{files[start + i]}: {ErrorText.Describe(e)}"));
                    codes[i] = ErrorText.IsDocumented(e) || e is InputException ? ExitCodes.BadInput : ExitCodes.IoError;
                }
            });
            for (var i = 0; i < count; i++)
            {
                stdout.Write(outputs[i].GetStringBuilder());
                stderr.Write(errors[i].GetStringBuilder());
                status = Math.Max(status, codes[i]);
            }
        }

        return status;
    }

    private static int RunOne(string file, DisOptions options, TextWriter stdout, TextWriter stderr, Palette palette)
    {
        // A file that cannot be read throws its documented exception: one line and exit 3 (see ExitCodes).
        var input = CodeInput.Load(file, options.Headerless, CodeInput.LoadTable(options.TablePath));

        if (input.Value is not PyCode module)
        {
            PrintHeader(input, stdout, palette);
            stdout.WriteLine($"value:     {input.Value.TypeName} {input.Value}");
            return 0;
        }

        var all = CodeNames.Enumerate(module);
        var selected = options.CodeName is null ? all[0] : all.FirstOrDefault(q => q.Path == options.CodeName);
        if (selected is null)
        {
            stderr.WriteLine($"bytefluent dis: no code object named '{options.CodeName}'. The code objects of {file} are:");
            foreach (var q in all)
            {
                stderr.WriteLine("  " + q.Path);
            }

            return 2;
        }

        PrintHeader(input, stdout, palette);
        foreach (var q in all.Where(q => IsWithin(q, selected, all)))
        {
            PrintCode(q.Code, q.Path, input, options, stdout, stderr, palette);
        }

        return 0;
    }

    private static void PrintHeader(CodeInput input, TextWriter w, Palette palette)
    {
        w.WriteLine(palette.Bold($"file:      {input.Path}"));
        if (input.Pyc is not { } pyc)
        {
            w.WriteLine($"version:   CPython {input.Version} (headerless marshal stream)");
            return;
        }

        var h = pyc.Header;
        w.WriteLine($"version:   CPython {h.Version}");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"magic:     {h.Magic} ({Convert.ToHexString([.. h.ToBytes().Take(4)]).ToLowerInvariant()})"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"header:    {h.Invalidation}, flags {h.Flags}, timestamp {h.Timestamp}, source size {h.SourceSize}"));
        if (input.Table is { } table)
        {
            w.WriteLine($"table:     {table.ClassName} ({table.Version}, {table.Source})");
        }
    }

    /// <summary>Whether <paramref name="q"/> is <paramref name="root"/> or nested in it (objects come depth first).</summary>
    private static bool IsWithin(QualifiedCode q, QualifiedCode root, IReadOnlyList<QualifiedCode> all)
    {
        var start = IndexOf(all, root);
        var index = IndexOf(all, q);
        if (index < start)
        {
            return false;
        }

        for (var i = start + 1; i <= index; i++)
        {
            if (all[i].Depth <= root.Depth)
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<QualifiedCode> all, QualifiedCode q)
    {
        for (var i = 0; i < all.Count; i++)
        {
            if (ReferenceEquals(all[i], q))
            {
                return i;
            }
        }

        return -1;
    }

    private static void PrintCode(PyCode raw, string name, CodeInput input, DisOptions options, TextWriter w, TextWriter stderr, Palette palette)
    {
        var table = input.Table ?? OpcodeTables.ForVersion(input.Version);
        var listing = TolerantDisassembler.Disassemble(raw, table);
        if (listing.Model is not { } code)
        {
            if (options.Strict)
            {
                try
                {
                    Code.FromCode(raw, table);
                }
                catch (Exception e) when (ErrorText.IsDocumented(e))
                {
                    throw new InputException(input.Path, e, "code object " + name);
                }
            }

            foreach (var problem in listing.Problems)
            {
                stderr.WriteLine($"{input.Path}: code object {name}: warning: {problem}");
            }

            PrintBroken(raw, name, listing, w, palette);
            return;
        }

        string stackSize;
        try
        {
            stackSize = (options.Raw ? raw.StackSize : code.ComputeStackSize()).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (ErrorText.IsDocumented(e))
        {
            if (options.Strict)
            {
                throw new InputException(input.Path, e, "code object " + name);
            }

            stderr.WriteLine($"{input.Path}: code object {name}: warning: {ErrorText.Describe(e)}");
            stackSize = raw.StackSize.ToString(CultureInfo.InvariantCulture) + " (as stored; the code cannot be analysed)";
        }

        w.WriteLine();
        w.WriteLine(palette.Bold(string.Create(CultureInfo.InvariantCulture, $"code object {name} (line {code.FirstLineNo}, {code.Filename.Value})")));
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

        w.WriteLine($"  stacksize: {stackSize}");
        w.Write(options.Raw ? RawListing.Format(raw, input.Version, palette, input.Table)
            : options.Stack ? StackListing.Format(code, palette)
            : ListingColors.Apply(code.CodeList.ToString(), palette));
    }

    /// <summary>A code object the model cannot hold: its attributes as stored and the tolerant raw listing.</summary>
    private static void PrintBroken(PyCode raw, string name, TolerantListing listing, TextWriter w, Palette palette)
    {
        w.WriteLine();
        w.WriteLine(palette.Bold(string.Create(CultureInfo.InvariantCulture, $"code object {name} (line {raw.FirstLineNo}, {raw.Filename.Value})")));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  argcount {raw.ArgCount} posonly {raw.PosOnlyArgCount} kwonly {raw.KwOnlyArgCount} flags 0x{raw.Flags:x}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stacksize: {raw.StackSize}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  malformed: {listing.Problems.Count} problem(s); listed as stored (offsets, raw arguments)"));
        w.Write(listing.Listing);
    }
}
