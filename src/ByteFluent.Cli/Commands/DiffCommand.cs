using System.Globalization;
using System.Text.Json;
using ByteFluent.Cli.Console;
using ByteFluent.Cli.Disassembly;
using ByteFluent.Cli.Errors;
using ByteFluent.Diff;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Cli.Commands;

/// <summary><c>bytefluent diff A B</c>: the structural diff of two .pyc files (see <see cref="PycDiff"/>).</summary>
internal sealed class DiffCommand : ICommand
{
    public string Name => "diff";

    public string Summary => "Structural diff of two .pyc files: header, code objects, fields, instructions.";

    public string Help => """
        usage: bytefluent diff A B [--json] [--ignore-lines] [--context N] [--code QUALNAME] [--python X.Y] [--color WHEN]

        Compares two .pyc files: the header fields, then every code object matched by qualified name (f, C.method,
        f.<locals>.g; nested ones included). Objects found in one file only are listed; for the others each
        differing field is shown (argcount ... flags, consts (nested code objects by name), names, varnames or
        localsplus, line table, exception table, stack size, ...) followed by a diff of the two instruction
        listings, in which labels are numbered by position so that renumbered labels are not differences.

        Options:
          --json            print one JSON object instead of text
          --ignore-lines    ignore source positions (line table, first line, line markers)
          --context N       unchanged listing lines shown around each change (default 3)
          --code QUALNAME   compare only this code object and the ones nested in it (the header is ignored)
          --python X.Y      A and B are headerless marshal streams of that version, not .pyc files
          --color WHEN      auto (default: on a terminal unless NO_COLOR is set), always, never

        Exit code: 0 when the files are the same, 1 when they differ, 2 for a usage error or a missing file, 3 for a
        malformed file (one line: FILE: offset N: reason), 4 for an I/O error, 70 for an internal error.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var files = new List<string>();
        var json = false;
        var options = new PycDiffOptions();
        PythonVersion? headerless = null;
        string? codeName = null;
        var color = ColorMode.Auto;
        for (var i = 0; i < args.Count; i++)
        {
            string Value(string option) => i + 1 < args.Count ? args[++i] : throw new UsageException($"{option} needs a value");
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--ignore-lines":
                    options = options with { IgnoreLines = true };
                    break;
                case "--context" or "-U":
                    options = options with
                    {
                        Context = int.TryParse(Value("--context"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                            ? n
                            : throw new UsageException("--context needs a number"),
                    };
                    break;
                case "--python":
                    headerless = CodeInput.ParseVersion(Value("--python"));
                    break;
                case "--code":
                    codeName = Value("--code");
                    break;
                case "--color":
                    color = Palette.ParseMode(Value("--color"));
                    break;
                case var a when a.StartsWith('-') && a.Length > 1:
                    throw new UsageException($"unknown option '{a}'");
                default:
                    files.Add(args[i]);
                    break;
            }
        }

        if (files.Count != 2)
        {
            throw new UsageException("expects two files");
        }

        PycDiffResult result;
        try
        {
            var a = CodeInput.Load(files[0], headerless);
            var b = CodeInput.Load(files[1], headerless);
            result = a.Pyc is { } pa && b.Pyc is { } pb ? PycDiff.Compare(pa, pb, options)
                : a.Value is PyCode ca && b.Value is PyCode cb ? PycDiff.Compare(ca, a.Version, cb, b.Version, options)
                : throw new UsageException("the marshal streams do not hold code objects");
        }
        catch (Exception e) when (ErrorText.IsDocumented(e))
        {
            // Both files were read; the error is in decoding one of their code objects.
            throw new InputException($"{files[0]} vs {files[1]}", e);
        }

        if (codeName is not null)
        {
            // Nested objects' qualified names extend their parent's: "f.<locals>.g", "C.method".
            bool Within(string path) => path == codeName || path.StartsWith(codeName + ".", StringComparison.Ordinal);
            result = result with { Header = [], CodeObjects = [.. result.CodeObjects.Where(c => Within(c.Path))] };
        }

        if (json)
        {
            WriteJson(result, files, stdout);
        }
        else
        {
            WriteText(result, files, stdout, Palette.For(color, stdout));
        }

        return result.Identical ? 0 : 1;
    }

    private static void WriteText(PycDiffResult result, List<string> files, TextWriter w, Palette palette)
    {
        if (result.Identical)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"identical: {files[0]} and {files[1]} ({result.Compared} code objects)"));
            return;
        }

        w.WriteLine(palette.Removed("--- " + files[0]));
        w.WriteLine(palette.Added("+++ " + files[1]));
        if (result.Header.Count > 0)
        {
            w.WriteLine(palette.Bold("header"));
            WriteFields(result.Header, w);
        }

        foreach (var c in result.CodeObjects)
        {
            var where = c.Kind switch
            {
                CodeObjectDiffKind.OnlyInA => "only in " + files[0],
                CodeObjectDiffKind.OnlyInB => "only in " + files[1],
                _ => "differs",
            };
            w.WriteLine(palette.Bold($"code object {c.Path}: {where}"));
            WriteFields(c.Fields, w);
            foreach (var hunk in c.Listing)
            {
                w.WriteLine("  " + palette.Label(hunk.Header));
                foreach (var line in hunk.Lines)
                {
                    var text = "  " + line;
                    w.WriteLine(line.Kind switch
                    {
                        DiffLineKind.Removed => palette.Removed(text),
                        DiffLineKind.Added => palette.Added(text),
                        _ => text,
                    });
                }
            }
        }

        var changed = result.CodeObjects.Count(c => c.Kind == CodeObjectDiffKind.Changed);
        var onlyA = result.CodeObjects.Count(c => c.Kind == CodeObjectDiffKind.OnlyInA);
        var onlyB = result.CodeObjects.Count(c => c.Kind == CodeObjectDiffKind.OnlyInB);
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Compared} code objects compared, {changed} differ, {onlyA} only in A, {onlyB} only in B; header fields differing: {result.Header.Count}"));
    }

    private static void WriteFields(IReadOnlyList<FieldDifference> fields, TextWriter w)
    {
        foreach (var f in fields)
        {
            w.WriteLine($"  {f.Field}: {f.A} -> {f.B}");
        }
    }

    private static void WriteJson(PycDiffResult result, List<string> files, TextWriter stdout)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartObject();
            j.WriteString("a", files[0]);
            j.WriteString("b", files[1]);
            j.WriteBoolean("identical", result.Identical);
            j.WriteNumber("compared", result.Compared);
            WriteJsonFields(j, "header", result.Header);
            j.WriteStartArray("codeObjects");
            foreach (var c in result.CodeObjects)
            {
                j.WriteStartObject();
                j.WriteString("path", c.Path);
                j.WriteString("status", c.Kind switch { CodeObjectDiffKind.OnlyInA => "onlyInA", CodeObjectDiffKind.OnlyInB => "onlyInB", _ => "changed" });
                WriteJsonFields(j, "fields", c.Fields);
                j.WriteStartArray("listing");
                foreach (var hunk in c.Listing)
                {
                    j.WriteStringValue(hunk.Header);
                    foreach (var line in hunk.Lines)
                    {
                        j.WriteStringValue(line.ToString());
                    }
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteJsonFields(Utf8JsonWriter j, string name, IReadOnlyList<FieldDifference> fields)
    {
        j.WriteStartArray(name);
        foreach (var f in fields)
        {
            j.WriteStartObject();
            j.WriteString("field", f.Field);
            j.WriteString("a", f.A);
            j.WriteString("b", f.B);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }
}
