using System.Globalization;
using ByteFluent.Marshal;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Text;

/// <summary>
/// Reads text assembly (as <see cref="AsmWriter"/> writes it, or written by hand) into a <see cref="PycFile"/>:
/// each <c>.code</c> section becomes a <see cref="Model.Code"/> assembled with <see cref="Model.Code.ToCode(Versions.PythonVersion?)"/>, the
/// <c>.layout</c> section (when present) gives the marshal encoding back. Every mistake is reported as an
/// <see cref="AsmSyntaxException"/> with the file, line and column. The format is described in docs/asm-format.md.
/// </summary>
public static partial class AsmReader
{
    /// <summary>Reads the assembly text <paramref name="text"/>; <paramref name="fileName"/> is used in messages.</summary>
    /// <exception cref="AsmSyntaxException">The text is not valid assembly, or its code cannot be assembled.</exception>
    public static PycFile Parse(string text, string fileName = "<asm>")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return new Reader(fileName).Run(text);
    }

    /// <summary>Reads the assembly file at <paramref name="path"/>.</summary>
    /// <exception cref="AsmSyntaxException">The file is not valid assembly, or its code cannot be assembled.</exception>
    public static PycFile Load(string path) => Parse(File.ReadAllText(path), path);

    private sealed record SourceLine(int Number, List<AsmToken> Tokens, int Length);

    private sealed class Section(string id, int line, int column)
    {
        public string Id { get; } = id;

        public int Line { get; } = line;

        public int Column { get; } = column;

        public List<SourceLine> Lines { get; } = [];

        public PyCode? Built { get; set; }

        public bool Building { get; set; }
    }

    private sealed partial class Reader(string file)
    {
        private static readonly string[] HeaderDirectives = [".python", ".pyc", ".magic", ".value"];
        private static readonly string[] SectionDirectives = [".line", ".loc", ".try", ".endtry", ".raw", ".bytes"];
        private readonly Dictionary<string, Section> sections = [];
        private readonly List<Section> order = [];
        private readonly List<LayoutSyntax.Located> layoutTokens = [];
        private PythonVersion version;
        private ConstantSyntax syntax = new(false);
        private Assembly.BytecodeDialect? dialect;
        private PycHeader? header;
        private ushort? magic;
        private SourceLine? valueLine;
        private byte[] trailer = [];

        private Assembly.BytecodeDialect Dialect => dialect!;

        public PycFile Run(string text)
        {
            var lines = text.Split('\n');
            Section? current = null;
            var sawVersion = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var raw = lines[i].TrimEnd('\r');
                var number = i + 1;
                var trimmed = raw.TrimStart();
                if (trimmed.Length == 0 || trimmed[0] == '#')
                {
                    continue;
                }

                if (trimmed.StartsWith(".layout", StringComparison.Ordinal) && (trimmed.Length == 7 || char.IsWhiteSpace(trimmed[7])))
                {
                    RequireVersion(sawVersion, number, raw);
                    LayoutLine(raw, number);
                    continue;
                }

                var tokens = AsmLexer.Tokenize(raw, file, number);
                if (tokens.Count == 0)
                {
                    continue;
                }

                var cur = new AsmCursor(tokens, file, number, raw.Length);
                var first = tokens[0];
                var directive = first.Kind == AsmTokenKind.Word && first.Text.StartsWith('.') ? first.Text : null;
                if (!sawVersion)
                {
                    if (directive != ".python")
                    {
                        throw cur.Error(first, $"missing header: expected '.python X.Y' (the version) before {first.Describe()}");
                    }

                    cur.Next(".python");
                    Version(cur);
                    sawVersion = true;
                    continue;
                }

                switch (directive)
                {
                    case ".python":
                        throw cur.Error(first, "the version is given twice: expected one '.python' line");
                    case ".pyc" or ".magic" or ".value" when current is not null:
                        throw cur.Error(first, $"'{directive}' belongs to the header: expected it before the first '.code'");
                    case ".pyc":
                        cur.Next(".pyc");
                        Header(cur, first);
                        break;
                    case ".magic":
                        cur.Next(".magic");
                        Magic(cur);
                        break;
                    case ".value":
                        valueLine = new SourceLine(number, tokens, raw.Length);
                        break;
                    case ".trailer":
                        cur.Next(".trailer");
                        Trailer(cur);
                        break;
                    case ".code":
                    {
                        cur.Next(".code");
                        var idToken = cur.Next("the id of the code object after '.code'");
                        var id = Id(cur, idToken);
                        cur.ExpectEnd("the code object's id");
                        if (sections.TryGetValue(id, out var existing))
                        {
                            throw cur.Error(idToken, $"code object '{id}' is defined twice: expected a new id (the first is at line {existing.Line})");
                        }

                        current = new Section(id, number, idToken.Column);
                        sections[id] = current;
                        order.Add(current);
                        break;
                    }

                    case not null when !SectionDirectives.Contains(directive):
                        throw cur.Error(first, $"unknown directive '{directive}': expected one of .python, .pyc, .magic, .value, .code, .line, .loc, .try, .endtry, .raw, .bytes, .layout, .trailer");
                    default:
                        if (current is null)
                        {
                            throw cur.Error(first, $"{first.Describe()} is outside a code object: expected '.code ID' first");
                        }

                        current.Lines.Add(new SourceLine(number, tokens, raw.Length));
                        break;
                }
            }

            if (!sawVersion)
            {
                throw new AsmSyntaxException(file, 1, 1, "missing header: expected '.python X.Y' (the version), found an empty file");
            }

            return Assemble();
        }

        private void RequireVersion(bool sawVersion, int number, string raw)
        {
            if (!sawVersion)
            {
                throw new AsmSyntaxException(file, number, raw.Length - raw.TrimStart().Length + 1, "missing header: expected '.python X.Y' (the version) before '.layout'");
            }
        }

        private void Version(AsmCursor cur)
        {
            var t = cur.Next("a Python version such as 3.12");
            var supported = string.Join(", ", PythonVersion.Supported);
            PythonVersion v;
            try
            {
                v = PythonVersion.Parse(t.Text);
            }
            catch (FormatException)
            {
                throw cur.Error(t, $"bad version {t.Describe()}: expected one of {supported}");
            }

            if (t.Kind != AsmTokenKind.Word || !v.IsSupported)
            {
                throw cur.Error(t, $"unsupported version {t.Describe()}: expected one of {supported}");
            }

            cur.ExpectEnd("the version");
            version = v;
            syntax = new ConstantSyntax(v.Major <= 2);
            dialect = Assembly.BytecodeDialect.For(v);
            header = PycHeader.ForTimestamp(v, 0, 0);
        }

        private void Header(AsmCursor cur, AsmToken at)
        {
            var kind = cur.Next("'timestamp' or 'hash' after '.pyc'");
            if (kind.IsWord("timestamp"))
            {
                var timestamp = UInt32(cur, "the source's modification time");
                uint size = 0;
                if (cur.Peek is { } s && s.IsWord("size"))
                {
                    cur.Next("size");
                    if (PycHeader.SizeFor(version) == 8)
                    {
                        throw cur.Error(s, $"Python {version} .pyc headers have no source size: expected the end of the line");
                    }

                    size = UInt32(cur, "the source size");
                }

                cur.ExpectEnd("the timestamp header");
                header = PycHeader.ForTimestamp(version, timestamp, size) with { Magic = header!.Magic };
                return;
            }

            if (kind.IsWord("hash"))
            {
                if (PycHeader.SizeFor(version) != 16)
                {
                    throw cur.Error(kind, $"Python {version} has no hash-based .pyc files (3.7+): expected 'timestamp'");
                }

                var check = cur.Next("'checked' or 'unchecked'");
                if (!check.IsWord("checked") && !check.IsWord("unchecked"))
                {
                    throw cur.Error(check, $"expected 'checked' or 'unchecked', found {check.Describe()}");
                }

                var hex = cur.Next("the 8-byte source hash as 16 hexadecimal digits");
                byte[] hash;
                try
                {
                    hash = hex.Text.Length == 16 ? Convert.FromHexString(hex.Text) : [];
                }
                catch (FormatException)
                {
                    hash = [];
                }

                if (hash.Length != 8)
                {
                    throw cur.Error(hex, $"bad source hash {hex.Describe()}: expected 16 hexadecimal digits");
                }

                cur.ExpectEnd("the source hash");
                header = PycHeader.ForHash(version, hash, check.IsWord("checked")) with { Magic = header!.Magic };
                return;
            }

            throw cur.Error(kind, $"expected 'timestamp' or 'hash' after '{at.Text}', found {kind.Describe()}");
        }

        private void Magic(AsmCursor cur)
        {
            var t = cur.Next("the magic number");
            if (!ushort.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                throw cur.Error(t, $"bad number {t.Describe()}: expected a magic number (0 to 65535)");
            }

            if (!MagicNumbers.TryGetVersion(m, out var v) || v != version)
            {
                throw cur.Error(t, $"magic number {m} is not one of Python {version}: expected {MagicNumbers.Of(version)}");
            }

            cur.ExpectEnd("the magic number");
            magic = m;
        }

        private void Trailer(AsmCursor cur)
        {
            var t = cur.Next("the bytes after the marshal data, in hexadecimal");
            try
            {
                trailer = [.. trailer, .. Convert.FromHexString(t.Text)];
            }
            catch (FormatException)
            {
                throw cur.Error(t, $"bad trailer {t.Describe()}: expected an even number of hexadecimal digits");
            }

            cur.ExpectEnd("the trailer");
        }

        private static uint UInt32(AsmCursor cur, string what)
        {
            var t = cur.Next(what);
            return uint.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw cur.Error(t, $"bad number {t.Describe()}: expected {what} (0 to 4294967295)");
        }

        private void LayoutLine(string raw, int number)
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var content = hash >= 0 ? raw[..hash] : raw;
            var start = content.IndexOf(".layout", StringComparison.Ordinal) + 7;
            var i = start;
            while (i < content.Length)
            {
                if (char.IsWhiteSpace(content[i]))
                {
                    i++;
                    continue;
                }

                var s = i;
                while (i < content.Length && !char.IsWhiteSpace(content[i]))
                {
                    i++;
                }

                layoutTokens.Add(new LayoutSyntax.Located(content[s..i], number, s + 1));
            }
        }

        private string Id(AsmCursor cur, AsmToken t) => t.Kind switch
        {
            AsmTokenKind.Word => t.Text,
            AsmTokenKind.String => ConstantSyntax.CodePointsText(t),
            _ => throw cur.Error(t, $"expected the id of a code object, found '{t.Text}'"),
        };

        private PycFile Assemble()
        {
            PyObject value;
            if (valueLine is { } vl)
            {
                var cur = new AsmCursor(vl.Tokens, file, vl.Number, vl.Length);
                cur.Next(".value");
                value = (PyObject)syntax.Parse(cur, CodeReference);
                cur.ExpectEnd("the value");
            }
            else if (order.Count > 0)
            {
                value = Build(order[0]);
            }
            else
            {
                throw new AsmSyntaxException(file, 1, 1, "the file has no code object: expected a '.code ID' section (or '.value')");
            }

            foreach (var s in order)
            {
                if (s.Built is null)
                {
                    throw new AsmSyntaxException(file, s.Line, s.Column, $"code object '{s.Id}' is never used: expected a constant 'code {s.Id}' in another code object (only the first is the module)");
                }
            }

            var format = MarshalFormat.For(version);
            MarshalLayout? layout = null;
            if (layoutTokens.Count > 0)
            {
                layout = LayoutSyntax.Parse(layoutTokens, format, file);
                value = new LayoutForms(format).Apply(value, layout);
            }

            var h = header!;
            if (magic is { } m)
            {
                h = h with { Magic = m };
            }

            return new PycFile { Header = h, Value = value, Layout = layout, Trailer = [.. trailer] };
        }

        private object CodeReference(string id, AsmToken at, AsmCursor cur)
        {
            if (!sections.TryGetValue(id, out var section))
            {
                throw cur.Error(at, $"undefined code object '{id}': expected the id of a '.code' section");
            }

            if (section.Building)
            {
                throw cur.Error(at, $"code object '{id}' contains itself: a code object cannot be its own constant");
            }

            return Build(section);
        }
    }
}
