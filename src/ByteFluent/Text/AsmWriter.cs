using System.Globalization;
using System.Text;
using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Pyc;
using ByteFluent.Versions;

namespace ByteFluent.Text;

/// <summary>Options of <see cref="AsmWriter"/>.</summary>
public sealed record AsmWriterOptions
{
    /// <summary>The default options.</summary>
    public static AsmWriterOptions Default { get; } = new();

    /// <summary>
    /// Whether to end with the <c>.layout</c> section (how CPython encoded the marshal data), so that
    /// <see cref="AsmReader"/> gives back the identical file. Without it the assembler writes CPython's default encoding.
    /// </summary>
    public bool IncludeLayout { get; init; } = true;
}

/// <summary>
/// Writes a .pyc as text assembly (<c>bytefluent dis --format asm</c>): the header, then one <c>.code</c> section per
/// code object with its attributes, constants and instruction listing (labels, line or position markers, exception
/// regions, real arguments), then the <c>.layout</c> section. <see cref="AsmReader"/> reads it back into the
/// identical .pyc. The format is described in docs/asm-format.md.
/// </summary>
public static class AsmWriter
{
    /// <summary>
    /// The assembly text of <paramref name="pyc"/>. A code object that does not decode or assemble (unknown opcodes,
    /// indexes out of range, jumps into instructions, broken tables) is written as a <c>.raw</c> section: its fields
    /// as stored and one line per instruction with its raw argument, which <see cref="AsmReader"/> reads back into
    /// the identical object.
    /// </summary>
    public static string Write(PycFile pyc, AsmWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pyc);
        var w = new Writer(pyc.Header.Version, options ?? AsmWriterOptions.Default);
        return w.Run(pyc);
    }

    private sealed class Writer(PythonVersion version, AsmWriterOptions options)
    {
        private readonly StringBuilder sb = new();
        private readonly ConstantSyntax syntax = new(version.Major <= 2);
        private readonly BytecodeDialect dialect = BytecodeDialect.For(version);
        private readonly Dictionary<object, string> ids = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<string> usedIds = [];
        private readonly List<(Code? Model, PyCode Original, string Id)> sections = [];

        public string Run(PycFile pyc)
        {
            var h = pyc.Header;
            Line("# ByteFluent assembly: bytefluent asm FILE.pyasm -o FILE.pyc reads it back (format: docs/asm-format.md)");
            Line(".python " + version);
            if (h.Magic != MagicNumbers.Of(version))
            {
                Line(".magic " + h.Magic.ToString(CultureInfo.InvariantCulture));
            }

            Line(h.Invalidation switch
            {
                PycInvalidation.Timestamp when PycHeader.SizeFor(version) == 8 => Invariant($".pyc timestamp {h.Timestamp}"),
                PycInvalidation.Timestamp => Invariant($".pyc timestamp {h.Timestamp} size {h.SourceSize}"),
                PycInvalidation.CheckedHash => ".pyc hash checked " + Convert.ToHexString(h.SourceHash.AsSpan()).ToLowerInvariant(),
                _ => ".pyc hash unchecked " + Convert.ToHexString(h.SourceHash.AsSpan()).ToLowerInvariant(),
            });

            if (pyc.Value is PyCode root)
            {
                RegisterEach(root, null);
            }
            else
            {
                Line(".value " + syntax.Format(pyc.Value, CodeId));
            }

            for (var i = 0; i < sections.Count; i++)
            {
                if (sections[i].Model is { } model)
                {
                    Section(model, sections[i].Original, sections[i].Id);
                }
                else
                {
                    RawSection(sections[i].Original, sections[i].Id);
                }
            }

            if (options.IncludeLayout && pyc.Layout is { } layout)
            {
                Line();
                Line("# How CPython encoded the marshal data (FLAG_REF, back-references, string forms, int and float encodings),");
                Line("# which depends on reference counts at compile time. Delete this section to get the default encoding.");
                var line = new StringBuilder(".layout");
                foreach (var token in LayoutSyntax.Tokens(layout))
                {
                    if (line.Length + token.Length > 110)
                    {
                        Line(line.ToString());
                        line.Clear().Append(".layout");
                    }

                    line.Append(' ').Append(token);
                }

                Line(line.ToString());
            }

            if (!pyc.Trailer.IsEmpty)
            {
                Line(".trailer " + Convert.ToHexString(pyc.Trailer.AsSpan()).ToLowerInvariant());
            }

            return sb.ToString();
        }

        private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        private void Line(string text = "") => sb.Append(text).Append('\n');

        // The model of a code object (nested code objects stay PyCode constants), or null when its bytecode or a table
        // cannot be decoded, or the model does not assemble (the verifier rejects it): such code is written raw, so
        // that the text still reads back into the identical object.
        private Code? TryDecode(PyCode code)
        {
            try
            {
                var model = Code.FromCode(code, version, nested: false);
                model.ToCode();
                return model;
            }
            catch (Exception e) when (e is BytecodeFormatException or InvalidCodeException or VerificationException)
            {
                return null;
            }
        }

        // Each code object on its own, decoded where it can be and written raw where not, its nested code objects as
        // sections of their own either way (one section per object, however often it is referenced).
        private string RegisterEach(PyCode original, string? parent)
        {
            if (ids.TryGetValue(original, out var known))
            {
                return known;
            }

            var model = TryDecode(original);
            var id = NewId(original.Name.Value, parent);
            ids[original] = id;
            if (model is not null)
            {
                ids[model] = id;
            }

            sections.Add((model, original, id));
            foreach (var k in original.Consts)
            {
                if (k is PyCode nested)
                {
                    RegisterEach(nested, id);
                }
            }

            return id;
        }

        private string NewId(string codeName, string? parent)
        {
            var name = new string([.. codeName.Select(c => ConstantSyntax.IsSingleWord(c.ToString()) ? c : '_')]);
            var id = parent is null ? (name.Length == 0 ? "code" : name) : parent + "." + name;
            if (!ConstantSyntax.IsPlainWord(id))
            {
                id = "code_" + id;
            }

            var unique = id;
            for (var k = 2; !usedIds.Add(unique); k++)
            {
                unique = id + "~" + k.ToString(CultureInfo.InvariantCulture);
            }

            return unique;
        }

        // Code objects inside containers (never made by CPython's compiler) get sections of their own too.
        private string CodeId(object code)
        {
            if (ids.TryGetValue(code, out var id))
            {
                return id;
            }

            var original = (PyCode)code;
            return RegisterEach(original, "const");
        }

        // The attributes both section forms open with, each only in the versions whose code objects have it.
        private void Header(PyString name, PyString? qualName, PyString filename, int firstLineNo, int argCount, int posOnlyArgCount, int kwOnlyArgCount)
        {
            Attr("name", syntax.Quote(name));
            if (version >= PythonVersion.V3_11 && qualName is { } q)
            {
                Attr("qualname", syntax.Quote(q));
            }

            Attr("filename", syntax.Quote(filename));
            Attr("firstlineno", Num(firstLineNo));
            Attr("argcount", Num(argCount));
            if (version >= PythonVersion.V3_8)
            {
                Attr("posonlyargcount", Num(posOnlyArgCount));
            }

            if (version.Major >= 3)
            {
                Attr("kwonlyargcount", Num(kwOnlyArgCount));
            }
        }

        private void Section(Code c, PyCode original, string id)
        {
            Line();
            Line(".code " + id);
            Header(c.Name, c.QualName, c.Filename, c.FirstLineNo, c.ArgCount, c.PosOnlyArgCount, c.KwOnlyArgCount);

            Attr("flags", FlagSyntax.Format(c.Flags, FlagSyntax.CodeFlags(dialect.Table)));
            Attr("stacksize", Num(original.StackSize));
            NameList("names", c.Names);
            if (dialect.UsesLocalsPlus)
            {
                foreach (var chunk in c.LocalsPlus.Chunk(6))
                {
                    Attr("locals", string.Join(", ", chunk.Select(l => NameText(l.Name) + ": " + FlagSyntax.Format(l.Kind, FlagSyntax.LocalKinds))));
                }
            }
            else
            {
                NameList("varnames", c.VarNames);
                NameList("cellvars", c.CellVars);
                NameList("freevars", c.FreeVars);
            }

            foreach (var k in c.Consts)
            {
                Attr("const", syntax.Format(k, CodeId));
            }

            Listing(c, original);
        }

        // Code that does not decode, as stored: every field as it is, the tables in hexadecimal, and one line per
        // instruction with its raw argument (an unknown opcode as <N>); the reader builds the identical code object.
        private void RawSection(PyCode o, string id)
        {
            Line();
            Line(".code " + id);
            Line("    .raw");
            Header(o.Name, o.QualName, o.Filename, o.FirstLineNo, o.ArgCount, o.PosOnlyArgCount, o.KwOnlyArgCount);

            Attr("nlocals", Num(o.NLocals));
            Attr("flags", FlagSyntax.Format(o.Flags, FlagSyntax.CodeFlags(dialect.Table)));
            Attr("stacksize", Num(o.StackSize));
            NameList("names", [.. o.Names]);
            if (dialect.UsesLocalsPlus && o.LocalsPlusKinds.Length == o.LocalsPlusNames.Length)
            {
                foreach (var chunk in o.LocalsPlusNames.Zip(o.LocalsPlusKinds).Chunk(6))
                {
                    Attr("locals", string.Join(", ", chunk.Select(l => NameText(l.First) + ": " + FlagSyntax.Format(l.Second, FlagSyntax.LocalKinds))));
                }
            }
            else if (dialect.UsesLocalsPlus)
            {
                NameList("localsplusnames", [.. o.LocalsPlusNames]);
                Hex("localspluskinds", o.LocalsPlusKinds.AsSpan());
            }
            else
            {
                NameList("varnames", [.. o.VarNames]);
                NameList("cellvars", [.. o.CellVars]);
                NameList("freevars", [.. o.FreeVars]);
            }

            foreach (var k in o.Consts)
            {
                Attr("const", syntax.Format(k, CodeId));
            }

            Hex("linetable", o.LineTable.AsSpan());
            Hex("exceptiontable", o.ExceptionTable.AsSpan());
            foreach (var unit in RawInstructions.Units(dialect.Table, o.Code.AsSpan()))
            {
                Line("    " + unit);
            }
        }

        private void Hex(string attr, ReadOnlySpan<byte> bytes)
        {
            for (var i = 0; i < bytes.Length; i += 48)
            {
                Attr(attr, Convert.ToHexString(bytes.Slice(i, Math.Min(48, bytes.Length - i))).ToLowerInvariant());
            }
        }

        private void Attr(string name, string value) => Line(Invariant($"    {name,-15} {value}").TrimEnd());

        private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

        private void NameList(string attr, List<PyString> names)
        {
            foreach (var chunk in names.Chunk(8))
            {
                Attr(attr, string.Join(", ", chunk.Select(NameText)));
            }
        }

        // A name stands bare when it can; 2.7 names are byte strings, so a 2.7 unicode name (and a 3.x byte string) is quoted.
        private string NameText(PyString s) =>
            s.IsPy2ByteString == syntax.Python2 && ConstantSyntax.IsPlainWord(s.Value) ? s.Value : syntax.Quote(s);

        private string Word(string text) => ConstantSyntax.IsPlainWord(text) ? text : syntax.Quote(new PyString(text) { Form = syntax.Python2 ? PyStringForm.Py2Str : PyStringForm.Auto });

        private void Listing(Code c, PyCode original)
        {
            var raws = dialect.Encoding.Decode(dialect.Table, original.Code.AsSpan());
            var labels = new Dictionary<Label, string>();
            foreach (var item in c.CodeList)
            {
                if (item is Label l && !labels.ContainsKey(l))
                {
                    labels[l] = "L" + (labels.Count + 1).ToString(CultureInfo.InvariantCulture);
                }
            }

            string LabelName(Label l) => labels.TryGetValue(l, out var n) ? n : throw new InvalidOperationException("a jump to a label outside the code list");

            // Regions are written without names when they close innermost-first (always the case for code read from a file).
            var open = new List<ExceptionRegion>();
            var named = false;
            foreach (var item in c.CodeList)
            {
                if (item is TryBegin b)
                {
                    open.Add(b.Region);
                }
                else if (item is TryEnd e)
                {
                    named |= open.Count == 0 || !ReferenceEquals(open[^1], e.Region);
                    open.Remove(e.Region);
                }
            }

            var regionNames = new Dictionary<ExceptionRegion, string>();
            var tables = new Tables(c, dialect.UsesLocalsPlus);
            var k = 0;
            foreach (var item in c.CodeList)
            {
                switch (item)
                {
                    case Label l:
                        Line(LabelName(l) + ":");
                        break;
                    case SetLineno s:
                        Line("    " + LineMarker(s));
                        break;
                    case TryBegin b:
                        var region = b.Region;
                        var text = Invariant($"    .try {LabelName(region.Handler)} depth {region.Depth}{(region.Lasti ? " lasti" : string.Empty)}");
                        if (named)
                        {
                            regionNames[region] = "r" + (regionNames.Count + 1).ToString(CultureInfo.InvariantCulture);
                            text += " as " + regionNames[region];
                        }

                        Line(text);
                        break;
                    case TryEnd e:
                        Line(named && regionNames.TryGetValue(e.Region, out var rn) ? "    .endtry " + rn : "    .endtry");
                        break;
                    case Instr ins:
                        // 1.0–2.2's SET_LINENO instructions are the markers above, not instructions of the list.
                        while (k < raws.Count && dialect.IsLineMarkerInstruction(raws[k]))
                        {
                            k++;
                        }

                        Line("    " + Instruction(c, tables, ins, raws[k], LabelName));
                        k++;
                        break;
                }
            }
        }

        private sealed class Tables(Code c, bool localsPlus)
        {
            public Dictionary<object, int> Consts { get; } = TableLookup.Consts(c.Consts, ValueComparer.Instance);

            public Dictionary<string, int> Names { get; } = TableLookup.Names(c.Names.Select(n => n.Value));

            public Dictionary<string, int> Locals { get; } = TableLookup.Names(localsPlus ? c.LocalsPlus.Select(l => l.Name.Value) : c.VarNames.Select(n => n.Value));

            public Dictionary<string, int> Cells { get; } = TableLookup.Names(c.CellVars.Select(n => n.Value));

            public Dictionary<string, int> Frees { get; } = TableLookup.Names(c.FreeVars.Select(n => n.Value));
        }

        private string LineMarker(SetLineno s)
        {
            var loc = s.Location;
            string text;
            if (loc == SourceLocation.None)
            {
                text = ".line none";
            }
            else if (!dialect.UsesLocalsPlus || (loc.Column is null && loc.EndColumn is null && loc.EndLine == loc.Line && loc.Line is not null))
            {
                text = ".line " + (loc.Line is { } n ? Num(n) : "none");
            }
            else
            {
                static string P(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "?";
                text = $".loc {P(loc.Line)} {P(loc.EndLine)} {P(loc.Column)} {P(loc.EndColumn)}";
            }

            text += s.Form switch
            {
                LineMarkerForm.TableOnly => " table-only",
                LineMarkerForm.InstructionOnly => " instruction-only",
                _ => string.Empty,
            };
            return s.IntoPrefixes > 0 ? text + " into=" + Num(s.IntoPrefixes) : text;
        }

        private string Instruction(Code c, Tables t, Instr ins, RawInstruction raw, Func<Label, string> labelName)
        {
            var op = ins.Opcode;
            var sb = new StringBuilder(op.Name);
            int? defaultIndex = null;
            switch (ins.Arg)
            {
                case null:
                    break;
                case Label l:
                    sb.Append(' ').Append(labelName(l));
                    break;
                case var k when op.HasConst:
                    sb.Append(' ').Append(syntax.Format(k, CodeId));
                    defaultIndex = t.Consts.TryGetValue(k, out var ck) ? ck : -1;
                    break;
                case string name when op.HasName:
                    sb.Append(' ').Append(Word(name));
                    defaultIndex = t.Names.TryGetValue(name, out var nn) ? nn : -1;
                    break;
                case GlobalName g:
                    sb.Append(' ').Append(Word(g.Name)).Append(g.PushNull ? " null" : string.Empty);
                    defaultIndex = t.Names.TryGetValue(g.Name, out var ng) ? ng : -1;
                    break;
                case AttrName a:
                    sb.Append(' ').Append(Word(a.Name)).Append(a.IsMethod ? " method" : string.Empty);
                    defaultIndex = t.Names.TryGetValue(a.Name, out var na) ? na : -1;
                    break;
                case SuperAttrName s:
                    sb.Append(' ').Append(Word(s.Name)).Append(s.IsMethod ? " method" : string.Empty).Append(s.TwoArguments ? " twoargs" : string.Empty);
                    defaultIndex = t.Names.TryGetValue(s.Name, out var ns) ? ns : -1;
                    break;
                case ImportName m:
                    sb.Append(' ').Append(Word(m.Name)).Append(m.LazyMode != 0 ? " lazy=" + Num(m.LazyMode) : string.Empty);
                    defaultIndex = t.Names.TryGetValue(m.Name, out var nm) ? nm : -1;
                    break;
                case LocalPair p:
                    sb.Append(' ').Append(Word(p.First)).Append(", ").Append(Word(p.Second));
                    break;
                case string name:
                    sb.Append(' ').Append(Word(name));
                    defaultIndex = TableLookup.Variable(c, dialect.UsesLocalsPlus, op.HasLocal, name, t.Locals, t.Cells, t.Frees) ?? -1;
                    break;
                case Comparison cmp:
                    sb.Append(' ').Append(ConstantSyntax.IsSingleWord(cmp.Operator) ? cmp.Operator : Word(cmp.Operator));
                    if (dialect.CompareShift > 0)
                    {
                        var mask = cmp.LowBits & 15;
                        if ((cmp.LowBits & 16) != 0 && dialect.CompareShift >= 5)
                        {
                            sb.Append(" bool");
                        }

                        var extra = cmp.LowBits & ~15 & ~(dialect.CompareShift >= 5 ? 16 : 0);
                        if (mask != ComparisonSyntax.DefaultMask(cmp.Operator) || extra != 0)
                        {
                            sb.Append(" mask=").Append(Num(mask | extra));
                        }
                    }

                    break;
                case NamedArg n:
                    var nameText = n.Name;
                    sb.Append(' ').Append(ConstantSyntax.IsSingleWord(nameText) && NamedArgSyntax.TryParse(op, nameText) == n.Value ? nameText : Num(n.Value));
                    break;
                case int i:
                    sb.Append(' ').Append(Num(i));
                    break;
                default:
                    sb.Append(' ').Append(CodeListFormatter.FormatArg(ins.Arg));
                    break;
            }

            if (ins.TableIndex is { } index && defaultIndex is { } d && d != index)
            {
                sb.Append(" @").Append(Num(index));
            }

            // A jump's prefixes depend on the layout around it (CPython's and the assembler's fixed points may differ), so
            // they are kept whenever there are any; elsewhere only when more than the argument needs.
            if (raw.Prefixes > (ins.Arg is Label ? 0 : dialect.Encoding.MinimumPrefixes(raw.Arg)))
            {
                sb.Append(" ext=").Append(Num(raw.Prefixes));
            }

            return sb.ToString();
        }
    }
}
