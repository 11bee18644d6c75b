using System.Globalization;
using ByteFluent.Assembly;
using ByteFluent.Marshal;
using ByteFluent.Model;
using ByteFluent.Versions;

namespace ByteFluent.Text;

public static partial class AsmReader
{
    private sealed partial class Reader
    {
        private static readonly string[] Attributes =
        [
            "name", "qualname", "filename", "firstlineno", "argcount", "posonlyargcount", "kwonlyargcount", "flags",
            "stacksize", "names", "varnames", "cellvars", "freevars", "locals", "const",
        ];

        private sealed class LabelInfo(Label label)
        {
            public Label Label { get; } = label;

            public (int Line, int Column)? Defined { get; set; }

            public (int Line, int Column)? FirstUse { get; set; }
        }

        private PyCode Build(Section section)
        {
            if (section.Built is { } done)
            {
                return done;
            }

            if (section.Lines.Any(l => l.Tokens[0].IsWord(".raw")))
            {
                return BuildRaw(section);
            }

            section.Building = true;
            var c = new Code(version)
            {
                Name = new PyString(section.Id[(section.Id.LastIndexOf('.') + 1)..]),
                Filename = new PyString(file),
                FirstLineNo = 1,
            };
            var labels = new Dictionary<string, LabelInfo>();
            var positions = new List<(int Line, int Column)>();
            var open = new List<(ExceptionRegion Region, string? Name)>();
            var list = new CodeList();
            var seen = new HashSet<string>();
            AsmCursor? lastInstruction = null;

            Label UseLabel(AsmCursor cur, AsmToken t, string what)
            {
                if (t.Kind != AsmTokenKind.Word || !ConstantSyntax.IsPlainWord(t.Text))
                {
                    throw cur.Error(t, $"wrong argument kind: {what} takes a label, found {Kind(t)}");
                }

                if (!labels.TryGetValue(t.Text, out var info))
                {
                    info = new LabelInfo(new Label(t.Text));
                    labels[t.Text] = info;
                }

                info.FirstUse ??= (cur.Line, t.Column);
                return info.Label;
            }

            foreach (var line in section.Lines)
            {
                var cur = new AsmCursor(line.Tokens, file, line.Number, line.Length);
                var first = line.Tokens[0];
                if (first.Kind == AsmTokenKind.Word && first.Text.StartsWith('.'))
                {
                    cur.Next(first.Text);
                    switch (first.Text)
                    {
                        case ".line":
                        case ".loc":
                            list.Add(LineMarker(cur, first));
                            positions.Add((line.Number, first.Column));
                            break;
                        case ".try":
                        {
                            if (!Dialect.HasExceptionTable)
                            {
                                throw cur.Error(first, $"'.try' needs Python 3.11+ (exception tables); Python {version} uses SETUP_* instructions");
                            }

                            var handlerToken = cur.Next("the handler's label after '.try'");
                            var handler = UseLabel(cur, handlerToken, "'.try'");
                            var depthWord = cur.Next("'depth N'");
                            if (!depthWord.IsWord("depth"))
                            {
                                throw cur.Error(depthWord, $"expected 'depth N' after the handler, found {depthWord.Describe()}");
                            }

                            var depth = Int(cur, "the stack depth kept for the handler");
                            var lasti = false;
                            string? name = null;
                            if (cur.Peek is { } l && l.IsWord("lasti"))
                            {
                                cur.Next("lasti");
                                lasti = true;
                            }

                            if (cur.Peek is { } a && a.IsWord("as"))
                            {
                                cur.Next("as");
                                name = cur.Next("a region name after 'as'").Text;
                            }

                            cur.ExpectEnd("the region");
                            var region = new ExceptionRegion(handler, depth, lasti);
                            open.Add((region, name));
                            list.Add(new TryBegin(region));
                            positions.Add((line.Number, first.Column));
                            break;
                        }

                        case ".raw" or ".bytes":
                            throw cur.Error(first, $"'{first.Text}' belongs to a raw code section: expected '.raw' as the section's first line");
                        case ".endtry":
                        {
                            if (open.Count == 0)
                            {
                                throw cur.Error(first, "'.endtry' without an open region: expected a '.try' before it");
                            }

                            var k = open.Count - 1;
                            if (cur.Peek is { } n)
                            {
                                cur.Next("a region name");
                                k = open.FindLastIndex(r => r.Name == n.Text);
                                if (k < 0)
                                {
                                    throw cur.Error(n, $"no open region is named '{n.Text}'");
                                }
                            }

                            cur.ExpectEnd("'.endtry'");
                            list.Add(new TryEnd(open[k].Region));
                            positions.Add((line.Number, first.Column));
                            open.RemoveAt(k);
                            break;
                        }
                    }

                    continue;
                }

                if (line.Tokens.Count == 2 && first.Kind == AsmTokenKind.Word && line.Tokens[1].Is(":"))
                {
                    if (!ConstantSyntax.IsPlainWord(first.Text))
                    {
                        throw cur.Error(first, $"bad label name '{first.Text}': expected a name such as L1");
                    }

                    if (!labels.TryGetValue(first.Text, out var info))
                    {
                        info = new LabelInfo(new Label(first.Text));
                        labels[first.Text] = info;
                    }

                    if (info.Defined is { } d)
                    {
                        throw cur.Error(first, $"label '{first.Text}' is defined twice: expected one definition (the first is at line {d.Line})");
                    }

                    info.Defined = (line.Number, first.Column);
                    list.Add(info.Label);
                    positions.Add((line.Number, first.Column));
                    continue;
                }

                if (first.Kind == AsmTokenKind.Word && Attributes.Contains(first.Text))
                {
                    cur.Next(first.Text);
                    Attribute(c, cur, first, seen);
                    continue;
                }

                if (first.Kind != AsmTokenKind.Word || first.Text.Length == 0 || !char.IsAsciiLetterUpper(first.Text[0]))
                {
                    throw cur.Error(first, $"expected an instruction, a label (NAME:), an attribute or a directive, found {first.Describe()}");
                }

                cur.Next(first.Text);
                list.Add(Instruction(c, cur, first, UseLabel));
                positions.Add((line.Number, first.Column));
                lastInstruction = cur;
            }

            foreach (var (name, info) in labels)
            {
                if (info.Defined is null && info.FirstUse is { } use)
                {
                    throw new AsmSyntaxException(file, use.Line, use.Column, $"undefined label '{name}': expected a line '{name}:' in code object '{section.Id}'");
                }
            }

            AddTableHints(c, list);
            c.CodeList = list;
            PyCode built;
            try
            {
                built = c.ToCode();
            }
            catch (InvalidCodeException e)
            {
                var (l, col) = e.Index >= 0 && e.Index < positions.Count ? positions[e.Index] : (section.Line, section.Column);
                var prefix = $"code list entry {e.Index} ({e.Item}): ";
                var message = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
                throw new AsmSyntaxException(file, l, col, $"{e.Item}: {message}");
            }
            catch (VerificationException e)
            {
                var instrPositions = list.Select((item, i) => (item, i)).Where(p => p.item is Instr).Select(p => positions[p.i]).ToList();
                var (l, col) = e.InstructionIndex >= 0 && e.InstructionIndex < instrPositions.Count ? instrPositions[e.InstructionIndex] : (section.Line, section.Column);
                var detail = e is StackDepthException s ? $" (stack depth {s.Depth})" : $": expected {e.Expected}, found {e.Actual}";
                throw new AsmSyntaxException(file, l, col, $"{e.Problem} at {e.Instruction}{detail}; check the instructions before it");
            }

            section.Building = false;
            section.Built = built;
            return built;
        }

        // Gives each instruction the table entry the assembler would search for (the first equal one), so that it does not search.
        private void AddTableHints(Code c, CodeList list)
        {
            var consts = TableLookup.Consts(c.Consts, StrictPyObjectComparer.Instance);
            var names = TableLookup.Names(c.Names.Select(n => n.Value));
            var locals = TableLookup.Names(Dialect.UsesLocalsPlus ? c.LocalsPlus.Select(l => l.Name.Value) : c.VarNames.Select(n => n.Value));
            var cells = TableLookup.Names(c.CellVars.Select(n => n.Value));
            var frees = TableLookup.Names(c.FreeVars.Select(n => n.Value));
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not Instr { TableIndex: null, Arg: { } arg } ins || arg is Label)
                {
                    continue;
                }

                var op = ins.Opcode;
                int? index = null;
                if (op.HasConst)
                {
                    index = consts.TryGetValue(arg, out var k) ? k : null;
                }
                else if (op.HasName)
                {
                    var name = arg switch
                    {
                        string s => s,
                        GlobalName g => g.Name,
                        AttrName a => a.Name,
                        SuperAttrName a => a.Name,
                        ImportName m => m.Name,
                        _ => null,
                    };
                    index = name is not null && names.TryGetValue(name, out var n) ? n : null;
                }
                else if ((op.HasLocal || op.HasFree) && arg is string v)
                {
                    index = TableLookup.Variable(c, Dialect.UsesLocalsPlus, op.HasLocal, v, locals, cells, frees);
                }

                if (index is not null)
                {
                    list[i] = new Instr(op, arg) { TableIndex = index, MinimumPrefixes = ins.MinimumPrefixes };
                }
            }
        }

        private static string Kind(AsmToken t) => t.Kind switch
        {
            AsmTokenKind.String => "a string",
            AsmTokenKind.Punct => $"'{t.Text}'",
            _ when LooksNumeric(t.Text) => $"the number {t.Text}",
            _ => $"'{t.Text}'",
        };

        private static bool LooksNumeric(string text) => text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text.Length > 1 && text[0] is '-' or '+' && char.IsAsciiDigit(text[1])));

        private static int Int(AsmCursor cur, string what)
        {
            var t = cur.Next(what);
            return t.Kind == AsmTokenKind.Word && int.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw cur.Error(t, $"bad number {t.Describe()}: expected {what}");
        }

        private SetLineno LineMarker(AsmCursor cur, AsmToken directive)
        {
            SourceLocation location;
            if (directive.Text == ".line")
            {
                var t = cur.Next("a line number or 'none' after '.line'");
                if (t.IsWord("none"))
                {
                    location = SourceLocation.None;
                }
                else if (t.Kind == AsmTokenKind.Word && int.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                {
                    location = SourceLocation.LineOnly(n);
                }
                else
                {
                    throw cur.Error(t, $"bad number {t.Describe()}: expected a line number or 'none' after '.line'");
                }
            }
            else
            {
                if (!Dialect.UsesLocalsPlus)
                {
                    throw cur.Error(directive, $"'.loc' (positions with columns) needs Python 3.11+; Python {version} records lines only: expected '.line N'");
                }

                if (cur.Peek is { } none && none.IsWord("none"))
                {
                    cur.Next("none");
                    location = SourceLocation.None;
                }
                else
                {
                    int? Part(string what)
                    {
                        var t = cur.Next(what);
                        if (t.IsWord("?"))
                        {
                            return null;
                        }

                        return t.Kind == AsmTokenKind.Word && int.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                            ? v
                            : throw cur.Error(t, $"bad number {t.Describe()}: expected {what} (a number or ?)");
                    }

                    var lineNo = Part("the line after '.loc' (.loc LINE ENDLINE COLUMN ENDCOLUMN)");
                    var endLine = Part("the end line (.loc LINE ENDLINE COLUMN ENDCOLUMN)");
                    var col = Part("the column (.loc LINE ENDLINE COLUMN ENDCOLUMN)");
                    var endCol = Part("the end column (.loc LINE ENDLINE COLUMN ENDCOLUMN)");
                    location = new SourceLocation(lineNo, endLine, col, endCol);
                }
            }

            // 1.0–2.2: whether the marker is a SET_LINENO instruction only or a co_lnotab entry only (default: what the era writes).
            var form = LineMarkerForm.Default;
            if (cur.Peek is { } f && f.Kind == AsmTokenKind.Word && (f.IsWord("table-only") || f.IsWord("instruction-only")))
            {
                cur.Next("table-only or instruction-only");
                form = f.IsWord("table-only") ? LineMarkerForm.TableOnly : LineMarkerForm.InstructionOnly;
            }

            var into = 0;
            if (cur.Peek is { } opt && opt.Kind == AsmTokenKind.Word && opt.Text.StartsWith("into=", StringComparison.Ordinal))
            {
                cur.Next("into=N");
                if (!int.TryParse(opt.Text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out into))
                {
                    throw cur.Error(opt, $"bad number in '{opt.Text}': expected into=N");
                }
            }

            cur.ExpectEnd("the line marker");
            return new SetLineno(location) { IntoPrefixes = into, Form = form };
        }

        private void Attribute(Code c, AsmCursor cur, AsmToken attr, HashSet<string> seen)
        {
            var name = attr.Text;
            var v = version;
            string? wrongVersion = name switch
            {
                "qualname" when v < PythonVersion.V3_11 => "3.11+",
                "posonlyargcount" when v < PythonVersion.V3_8 => "3.8+",
                "kwonlyargcount" when v.Major <= 2 => "Python 3",
                "locals" when v < PythonVersion.V3_11 => "3.11+ (use varnames, cellvars and freevars before)",
                "varnames" or "cellvars" or "freevars" when v >= PythonVersion.V3_11 => "Python 2.7 to 3.10 (from 3.11: locals NAME: KIND, …)",
                _ => null,
            };
            if (wrongVersion is not null)
            {
                throw cur.Error(attr, $"attribute '{name}' is for {wrongVersion}, not Python {v}");
            }

            var repeatable = name is "names" or "varnames" or "cellvars" or "freevars" or "locals" or "const";
            if (!repeatable && !seen.Add(name))
            {
                throw cur.Error(attr, $"attribute '{name}' is given twice: expected it once per code object");
            }

            switch (name)
            {
                case "name":
                    c.Name = StringValue(cur, PyStringForm.Py2Interned, "the code object's name");
                    break;
                case "qualname":
                    c.QualName = StringValue(cur, PyStringForm.Py2Interned, "the qualified name");
                    break;
                case "filename":
                    c.Filename = StringValue(cur, PyStringForm.Py2Str, "the file name");
                    break;
                case "firstlineno":
                    c.FirstLineNo = Int(cur, "the first line number");
                    break;
                case "argcount":
                    c.ArgCount = Int(cur, "the number of positional parameters");
                    break;
                case "posonlyargcount":
                    c.PosOnlyArgCount = Int(cur, "the number of positional-only parameters");
                    break;
                case "kwonlyargcount":
                    c.KwOnlyArgCount = Int(cur, "the number of keyword-only parameters");
                    break;
                case "stacksize":
                    c.DeclaredStackSize = Int(cur, "the stack size");
                    break;
                case "flags":
                {
                    var t = cur.Next("flags such as OPTIMIZED|NEWLOCALS (or 0)");
                    var flags = t.Kind == AsmTokenKind.Word ? FlagSyntax.Parse(t.Text, FlagSyntax.CodeFlags(Dialect.Table), out var bad) : null;
                    if (flags is null)
                    {
                        throw cur.Error(t, $"unknown code flag in {t.Describe()}: expected names of Python {v} joined by '|' ({string.Join(", ", FlagSyntax.CodeFlags(Dialect.Table).Select(f => f.Name).Take(10))}, …) or a number");
                    }

                    c.Flags = flags.Value;
                    break;
                }

                case "names":
                    NameList(cur, c.Names);
                    break;
                case "varnames":
                    NameList(cur, c.VarNames);
                    break;
                case "cellvars":
                    NameList(cur, c.CellVars);
                    break;
                case "freevars":
                    NameList(cur, c.FreeVars);
                    break;
                case "locals":
                    while (!cur.AtEnd)
                    {
                        var n = NameString(cur, cur.Next("a local's name"), PyStringForm.Py2Interned, "a local's name");
                        cur.Expect(":", "between a local's name and its kind (x: local)");
                        var kt = cur.Next("the kind of a local (local, cell, free, hidden joined by '|')");
                        var kind = kt.Kind == AsmTokenKind.Word ? FlagSyntax.Parse(kt.Text, FlagSyntax.LocalKinds, out _) : null;
                        if (kind is null or < 0 or > 255)
                        {
                            throw cur.Error(kt, $"unknown kind {kt.Describe()}: expected local, cell, free, hidden (joined by '|') or a number below 256");
                        }

                        c.LocalsPlus.Add((n, (byte)kind.Value));
                        if (!cur.AtEnd)
                        {
                            cur.Expect(",", "between locals");
                        }
                    }

                    return;
                case "const":
                    c.Consts.Add(syntax.Parse(cur, CodeReference));
                    break;
            }

            cur.ExpectEnd($"the {name}");
        }

        private PyString StringValue(AsmCursor cur, PyStringForm py2Form, string what)
        {
            var t = cur.Next(what);
            return t.Kind == AsmTokenKind.Punct ? throw cur.Error(t, $"expected {what}, found '{t.Text}'") : NameString(cur, t, py2Form, what);
        }

        private void NameList(AsmCursor cur, List<PyString> into)
        {
            while (!cur.AtEnd)
            {
                into.Add(NameString(cur, cur.Next("a name"), PyStringForm.Py2Interned, "a name"));
                if (!cur.AtEnd)
                {
                    cur.Expect(",", "between names");
                }
            }
        }

        // A name: a bare word or a string. 2.7 names are byte strings (u'…' for unicode); Python 3 names are text.
        private PyString NameString(AsmCursor cur, AsmToken t, PyStringForm py2Form, string what)
        {
            if (t.Kind == AsmTokenKind.Punct)
            {
                throw cur.Error(t, $"expected {what}, found '{t.Text}'");
            }

            if (t.Kind == AsmTokenKind.Word)
            {
                return syntax.Python2 ? ByteName(cur, t, t.Text.Select(ch => (int)ch).ToList(), py2Form) : new PyString(t.Text);
            }

            var points = t.CodePoints!;
            if (t.Text == "u" || (!syntax.Python2 && t.Text.Length == 0))
            {
                return PyString.FromCodePoints(points);
            }

            if (!syntax.Python2)
            {
                throw cur.Error(t, $"expected {what} as text, found a bytes literal");
            }

            return ByteName(cur, t, points, py2Form);
        }

        private static PyString ByteName(AsmCursor cur, AsmToken t, IReadOnlyList<int> points, PyStringForm form)
        {
            var bytes = new byte[points.Count];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = points[i] <= 0xFF ? (byte)points[i] : throw cur.Error(t, $"a Python 2 byte string cannot hold U+{points[i]:X4}: expected u'...' for unicode");
            }

            return PyString.FromLatin1(bytes, form);
        }

        private string NameArg(AsmCursor cur, Opcode op, string what)
        {
            var t = cur.Next($"{what} after {op.Name}");
            return t.Kind switch
            {
                AsmTokenKind.Word when !LooksNumeric(t.Text) => t.Text,
                AsmTokenKind.String => ConstantSyntax.CodePointsText(t),
                _ => throw cur.Error(t, $"wrong argument kind: {op.Name} takes {what}, found {Kind(t)}"),
            };
        }
    }
}
