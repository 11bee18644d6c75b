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
        private Instr Instruction(Code c, AsmCursor cur, AsmToken opToken, Func<AsmCursor, AsmToken, string, Label> useLabel)
        {
            var table = Dialect.Table;
            if (!table.TryGetOpcode(opToken.Text, out var op))
            {
                throw cur.Error(opToken, $"unknown opcode '{opToken.Text}' for Python {version}");
            }

            if (op == table.ExtendedArg)
            {
                throw cur.Error(opToken, $"{op.Name} is written by the assembler: expected an instruction (use ext=N to keep extra EXTENDED_ARG prefixes)");
            }

            // CACHE, specialized and instrumented opcodes never come from the compiler, but a .pyc can hold them
            // where an instruction stands (the disassembler lists them so): only pseudo opcodes have no byte form.
            if (op.Category == OpcodeCategory.Pseudo)
            {
                throw cur.Error(opToken, $"'{op.Name}' is a {op.Category.ToString().ToLowerInvariant()} opcode of Python {version}: a .pyc holds real opcodes only");
            }

            object? arg;
            var options = new List<string>();
            if (BytecodeDialect.IsJump(op))
            {
                arg = useLabel(cur, cur.Next($"a label after {op.Name}"), op.Name);
            }
            else if (!op.HasArg)
            {
                arg = null;
                if (cur.Peek is { } n && n.Kind == AsmTokenKind.Word && LooksNumeric(n.Text))
                {
                    var value = Int(cur, "a number");
                    arg = value == 0 ? null : value;
                }
                else if (cur.Peek is { } other && !IsOption(other))
                {
                    throw cur.Error(other, $"wrong argument kind: {op.Name} takes no argument, found {Kind(other)}");
                }
            }
            else if (op.HasConst)
            {
                arg = syntax.Parse(cur, CodeReference);
            }
            else if (op.HasName)
            {
                var name = NameArg(cur, op, "a name");
                var shift = Dialect.NameShift(op);
                options = Options(cur);
                bool Flag(string word) => options.Remove(word);
                arg = shift == 0 ? name : op.Name switch
                {
                    "LOAD_GLOBAL" => new GlobalName(name, Flag("null")),
                    "LOAD_ATTR" => new AttrName(name, Flag("method")),
                    "IMPORT_NAME" => new ImportName(name, TakeNumber(cur, opToken, options, "lazy")),
                    _ => new SuperAttrName(name, Flag("method"), Flag("twoargs")),
                };
            }
            else if (Dialect.IsPairedLocal(op))
            {
                var first = NameArg(cur, op, "two local variable names");
                cur.Expect(",", $"between the two locals of {op.Name}");
                var second = NameArg(cur, op, "two local variable names");
                arg = new LocalPair(first, second);
            }
            else if (op.HasLocal || op.HasFree)
            {
                arg = NameArg(cur, op, op.HasLocal ? "a local variable name" : "a cell or free variable name");
            }
            else if (op.HasCompare)
            {
                var t = cur.Next($"a comparison operator after {op.Name}");
                var text = t.Kind == AsmTokenKind.String ? ConstantSyntax.CodePointsText(t) : t.Text;
                if (t.Kind == AsmTokenKind.Punct || !table.CmpOp.Contains(text))
                {
                    throw cur.Error(t, $"unknown comparison {t.Describe()} for Python {version}: expected one of {string.Join(", ", table.CmpOp.Select(o => o.Contains(' ', StringComparison.Ordinal) ? $"'{o}'" : o))}");
                }

                options = Options(cur);
                var low = 0;
                if (Dialect.CompareShift > 0)
                {
                    var mask = options.Any(o => o.StartsWith("mask=", StringComparison.Ordinal))
                        ? TakeNumber(cur, opToken, options, "mask")
                        : ComparisonSyntax.DefaultMask(text);
                    low = mask | (Dialect.CompareShift >= 5 && options.Remove("bool") ? 16 : 0);
                }

                arg = new Comparison(text, low);
            }
            else if (op.ArgumentNames.Count > 0)
            {
                var t = cur.Next($"an argument after {op.Name}");
                var value = t.Kind == AsmTokenKind.Word ? NamedArgSyntax.TryParse(op, t.Text) : null;
                if (value is null)
                {
                    throw cur.Error(t, $"wrong argument kind: {op.Name} takes a number or one of {NamedArgSyntax.Choices(op)}, found {Kind(t)}");
                }

                arg = new NamedArg(value.Value, ArgumentNaming.Describe(op, value.Value));
            }
            else
            {
                var t = cur.Peek;
                if (t is null || t.Kind != AsmTokenKind.Word || !LooksNumeric(t.Text))
                {
                    throw t is null
                        ? cur.Error($"{op.Name} takes a number: expected it, found the end of the line")
                        : cur.Error(t, $"wrong argument kind: {op.Name} takes a number, found {Kind(t)}");
                }

                arg = Int(cur, "a number");
            }

            if (options.Count == 0)
            {
                options = Options(cur);
            }

            int? index = options.Any(o => o.StartsWith('@')) ? TakeNumber(cur, opToken, options, "@") : null;
            var ext = options.Any(o => o.StartsWith("ext=", StringComparison.Ordinal)) ? TakeNumber(cur, opToken, options, "ext") : 0;
            if (options.Count > 0)
            {
                throw cur.Error(OptionToken(cur, options[0]), $"unexpected '{options[0]}' after the argument of {op.Name}: expected @INDEX, ext=N{Extra(op)} or the end of the line");
            }

            _ = c;
            return new Instr(op, arg) { TableIndex = index, MinimumPrefixes = ext };
        }

        private string Extra(Opcode op) => op.Name switch
        {
            "LOAD_GLOBAL" when Dialect.NameShift(op) > 0 => ", null",
            "LOAD_ATTR" when Dialect.NameShift(op) > 0 => ", method",
            "LOAD_SUPER_ATTR" => ", method, twoargs",
            "IMPORT_NAME" when Dialect.NameShift(op) > 0 => ", lazy=N",
            "COMPARE_OP" when Dialect.CompareShift >= 5 => ", bool, mask=N",
            "COMPARE_OP" when Dialect.CompareShift > 0 => ", mask=N",
            _ => string.Empty,
        };

        private static bool IsOption(AsmToken t) => t.Kind == AsmTokenKind.Word && (t.Text.StartsWith('@') || t.Text.StartsWith("ext=", StringComparison.Ordinal));

        // The rest of the line: words such as @3, ext=1, null, method, bool, mask=10 (checked by the caller).
        private List<string> Options(AsmCursor cur)
        {
            var options = new List<string>();
            optionTokens.Clear();
            while (cur.Peek is { } t)
            {
                cur.Next("an option");
                if (t.Kind != AsmTokenKind.Word)
                {
                    throw cur.Error(t, $"unexpected {t.Describe()} after the argument: expected @INDEX, ext=N or the end of the line");
                }

                options.Add(t.Text);
                optionTokens[t.Text] = t;
            }

            return options;
        }

        private readonly Dictionary<string, AsmToken> optionTokens = [];

        private AsmToken OptionToken(AsmCursor cur, string option) =>
            optionTokens.TryGetValue(option, out var t) ? t : new AsmToken(AsmTokenKind.Word, option, cur.Column);

        private int TakeNumber(AsmCursor cur, AsmToken opToken, List<string> options, string key)
        {
            var prefix = key == "@" ? "@" : key + "=";
            var option = options.FirstOrDefault(o => o.StartsWith(prefix, StringComparison.Ordinal));
            if (option is null)
            {
                return 0;
            }

            options.Remove(option);
            return int.TryParse(option.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw cur.Error(OptionToken(cur, option), $"bad number in '{option}' on {opToken.Text}: expected {prefix}N");
        }
    }
}
