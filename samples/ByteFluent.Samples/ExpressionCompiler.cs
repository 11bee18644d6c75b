using System.Globalization;
using ByteFluent.Marshal;
using ByteFluent.Portable;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>
/// A small compiler from arithmetic expressions (<c>+ - * / // % **</c>, unary minus, parentheses, numbers and
/// parameter names) to Python functions, written once on the portable layer: the parser builds portable expressions and
/// <see cref="PortableModule"/> lowers them to each version's own idiom (one opcode per operator before 3.11,
/// <c>BINARY_OP</c> after; each era's call sequence), for all 11 versions.
/// </summary>
public static class ExpressionCompiler
{
    /// <summary>The expressions the sample compiles, each into <c>calcN(x, y)</c>.</summary>
    public static readonly string[] Expressions =
    [
        "(x + 3) * y - x / 2",
        "x ** 2 - -y % 7 // 2",
        "2.5 * (x - y) + 10 // (y + 1)",
        "-(x - 2 * y) ** 3 % 1000",
    ];

    /// <summary>The (x, y) arguments each function is called with.</summary>
    public static readonly (int X, int Y)[] Calls = [(1, 2), (7, 3), (-4, 9)];

    /// <summary>The same program as source: what the built module must print.</summary>
    public static string Oracle()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Expressions.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"def calc{i}(x, y):\n    return {Expressions[i]}\n");
        }

        for (var i = 0; i < Expressions.Length; i++)
        {
            foreach (var (x, y) in Calls)
            {
                text.Append(CultureInfo.InvariantCulture, $"print(calc{i}({x}, {y}))\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The portable module: every <c>calcN</c> and a print of each call.</summary>
    public static PortableModule Module() => PortableModule.Create(m =>
    {
        for (var i = 0; i < Expressions.Length; i++)
        {
            var body = Parse(Expressions[i]);
            m.Def("calc" + i.ToString(CultureInfo.InvariantCulture), ["x", "y"], f => f.Return(body));
        }

        for (var i = 0; i < Expressions.Length; i++)
        {
            foreach (var (x, y) in Calls)
            {
                m.Print(Py.Call("calc" + i.ToString(CultureInfo.InvariantCulture), x, y));
            }
        }
    });

    /// <summary>The module for <paramref name="version"/>.</summary>
    public static PyCode Build(PythonVersion version) => Module().ToCode(version);

    /// <summary>Parses one expression into a portable expression tree.</summary>
    public static Expr Parse(string expression)
    {
        var stack = new Stack<Expr>();
        new Parser(
            expression,
            (value, isInteger) => stack.Push(isInteger ? Py.Const((long)value) : Py.Const(value)),
            name => stack.Push(Py.Name(name)),
            symbol =>
            {
                var right = stack.Pop();
                var left = stack.Pop();
                stack.Push(symbol switch
                {
                    "+" => left + right,
                    "-" => left - right,
                    "*" => left * right,
                    "/" => left / right,
                    "//" => left.FloorDiv(right),
                    "%" => left % right,
                    _ => left.Pow(right),
                });
            },
            () => stack.Push(-stack.Pop())).ParseAll();
        return stack.Single();
    }

    private sealed class Parser(string text, Action<double, bool> number, Action<string> name, Action<string> binary, Action negate)
    {
        private int pos;

        public void ParseAll()
        {
            Sum();
            Skip();
            if (pos != text.Length)
            {
                throw new FormatException($"unexpected '{text[pos]}' at {pos} in '{text}'");
            }
        }

        private void Sum()
        {
            Term();
            while (Peek("+", "-") is { } op)
            {
                pos += op.Length;
                Term();
                binary(op);
            }
        }

        private void Term()
        {
            Factor();
            while (Peek("//", "*", "/", "%") is { } op && Peek("**") is null)
            {
                pos += op.Length;
                Factor();
                binary(op);
            }
        }

        private void Factor()
        {
            if (Peek("-") is not null)
            {
                pos++;
                Factor();
                negate();
                return;
            }

            Power();
        }

        private void Power()
        {
            Atom();
            if (Peek("**") is not null)
            {
                pos += 2;
                Factor();
                binary("**");
            }
        }

        private void Atom()
        {
            Skip();
            if (pos < text.Length && text[pos] == '(')
            {
                pos++;
                Sum();
                if (Peek(")") is null)
                {
                    throw new FormatException($"missing ')' at {pos} in '{text}'");
                }

                pos++;
                return;
            }

            var start = pos;
            while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '.' or '_'))
            {
                pos++;
            }

            var token = text[start..pos];
            if (token.Length == 0)
            {
                throw new FormatException($"expected a number or a name at {start} in '{text}'");
            }

            if (char.IsDigit(token[0]))
            {
                number(double.Parse(token, CultureInfo.InvariantCulture), !token.Contains('.', StringComparison.Ordinal));
            }
            else
            {
                name(token);
            }
        }

        private string? Peek(params string[] ops)
        {
            Skip();
            return ops.FirstOrDefault(o => string.CompareOrdinal(text, pos, o, 0, o.Length) == 0);
        }

        private void Skip()
        {
            while (pos < text.Length && text[pos] == ' ')
            {
                pos++;
            }
        }
    }
}
