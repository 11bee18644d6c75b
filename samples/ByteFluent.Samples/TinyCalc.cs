using System.Globalization;
using ByteFluent.Marshal;
using ByteFluent.Portable;
using ByteFluent.Portable.Syntax;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>
/// A compiler for "TinyCalc", a small language of its own, to a module for any version, through the portable layer.
/// A program is statements separated by newlines or ';':
/// <c>let NAME = EXPR</c>, <c>print EXPR</c>, <c>if EXPR then … [else …] end</c>, <c>while EXPR do … end</c>,
/// <c>fun NAME(A, B) = EXPR</c> (a function of its parameters and the globals), and expressions with
/// <c>+ - * / %</c>, comparisons <c>&lt; &lt;= &gt; &gt;= == !=</c>, parentheses, numbers, names and calls <c>f(1, 2)</c>.
/// Division is floor division, numbers are integers.
/// </summary>
public static class TinyCalc
{
    /// <summary>The sample program.</summary>
    public const string Program = """
        fun square(x) = x * x
        fun hyp(a, b) = square(a) + square(b)
        let n = 1
        let total = 0
        while n <= 10 do
          if n % 2 == 0 then let total = total + square(n) else let total = total - n end
          let n = n + 1
        end
        print total
        print hyp(3, 4)
        print (total / 7) % 5
        """;

    /// <summary>What the sample program prints (the same program as Python source, for the test oracle).</summary>
    public const string Oracle = """
        def square(x):
            return x * x
        def hyp(a, b):
            return square(a) + square(b)
        n = 1
        total = 0
        while n <= 10:
            if n % 2 == 0:
                total = total + square(n)
            else:
                total = total - n
            n = n + 1
        print(total)
        print(hyp(3, 4))
        print(total // 7 % 5)

        """;

    /// <summary>Compiles TinyCalc source to a portable module.</summary>
    /// <exception cref="FormatException">The source is not valid TinyCalc (the message says where).</exception>
    public static PortableModule Compile(string source) => PortableModule.Create(m => new Parser(Tokenize(source)).Program(m), "<tinycalc>");

    /// <summary>The sample program's module for <paramref name="version"/>.</summary>
    public static PyCode Build(PythonVersion version) => Compile(Program).ToCode(version);

    private static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\n' || c == ';')
            {
                tokens.Add(";");
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(s[start..i]);
            }
            else if (i + 1 < s.Length && s.Substring(i, 2) is "<=" or ">=" or "==" or "!=")
            {
                tokens.Add(s.Substring(i, 2));
                i += 2;
            }
            else if ("+-*/%<>()=,".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                throw new FormatException($"TinyCalc: unexpected character '{c}' at offset {i}");
            }
        }

        tokens.Add(";");
        return tokens;
    }

    private sealed class Parser(List<string> tokens)
    {
        private int pos;

        private string Peek => pos < tokens.Count ? tokens[pos] : "<end>";

        public void Program(Block m)
        {
            Statements(m, "<end>");
        }

        private void Statements(Block b, params string[] until)
        {
            while (pos < tokens.Count && !until.Contains(Peek))
            {
                if (Peek == ";")
                {
                    pos++;
                    continue;
                }

                Statement(b);
            }
        }

        private void Statement(Block b)
        {
            switch (Next())
            {
                case "let":
                    {
                        var name = Identifier();
                        Expect("=");
                        b.Assign(name, Expression());
                        break;
                    }

                case "print":
                    b.Print(Expression());
                    break;
                case "if":
                    {
                        var test = Expression();
                        Expect("then");
                        Action<Block> thenBody = t => Statements(t, "else", "end");
                        if (HasElse())
                        {
                            b.If(test, thenBody, e =>
                            {
                                Expect("else");
                                Statements(e, "end");
                            });
                        }
                        else
                        {
                            b.If(test, thenBody);
                        }

                        Expect("end");
                        break;
                    }

                case "while":
                    {
                        var test = Expression();
                        Expect("do");
                        b.While(test, body => Statements(body, "end"));
                        Expect("end");
                        break;
                    }

                case "fun":
                    {
                        var name = Identifier();
                        Expect("(");
                        var args = new List<string>();
                        while (Peek != ")")
                        {
                            args.Add(Identifier());
                            if (Peek == ",")
                            {
                                pos++;
                            }
                        }

                        Expect(")");
                        Expect("=");
                        var body = Expression();
                        b.Def(name, [.. args], f => f.Return(body));
                        break;
                    }

                default:
                    throw new FormatException($"TinyCalc: a statement starts with let, print, if, while or fun, not '{tokens[pos - 1]}' (token {pos - 1})");
            }
        }

        private Expr Expression()
        {
            var left = Sum();
            while (Peek is "<" or "<=" or ">" or ">=" or "==" or "!=")
            {
                var op = Next() switch
                {
                    "<" => CompareOperator.Less,
                    "<=" => CompareOperator.LessEqual,
                    ">" => CompareOperator.Greater,
                    ">=" => CompareOperator.GreaterEqual,
                    "==" => CompareOperator.Equal,
                    _ => CompareOperator.NotEqual,
                };
                left = left.Compare(op, Sum());
            }

            return left;
        }

        private Expr Sum()
        {
            var left = Product();
            while (Peek is "+" or "-")
            {
                left = Next() == "+" ? left + Product() : left - Product();
            }

            return left;
        }

        private Expr Product()
        {
            var left = Unary();
            while (Peek is "*" or "/" or "%")
            {
                var op = Next();
                var right = Unary();
                left = op switch
                {
                    "*" => left * right,
                    "/" => left.FloorDiv(right),
                    _ => left % right,
                };
            }

            return left;
        }

        private Expr Unary() => Peek == "-" && Next() == "-" ? -Unary() : Atom();

        private Expr Atom()
        {
            var t = Next();
            if (t == "(")
            {
                var e = Expression();
                Expect(")");
                return e;
            }

            if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return Py.Const(n);
            }

            if (!IsIdentifier(t))
            {
                throw new FormatException($"TinyCalc: expected a value, found '{t}' (token {pos - 1})");
            }

            if (Peek != "(")
            {
                return Py.Name(t);
            }

            pos++;
            var args = new List<Arg>();
            while (Peek != ")")
            {
                args.Add(Expression());
                if (Peek == ",")
                {
                    pos++;
                }
            }

            Expect(")");
            return Py.Call(t, [.. args]);
        }

        /// <summary>Whether the if statement starting here has an else at its own nesting level.</summary>
        private bool HasElse()
        {
            var depth = 0;
            for (var k = pos; k < tokens.Count; k++)
            {
                switch (tokens[k])
                {
                    case "then" or "do":
                        depth++;
                        break;
                    case "end" when depth == 0:
                        return false;
                    case "end":
                        depth--;
                        break;
                    case "else" when depth == 0:
                        return true;
                }
            }

            return false;
        }

        private static bool IsIdentifier(string t) => t.Length > 0 && (char.IsLetter(t[0]) || t[0] == '_');

        private string Identifier()
        {
            var t = Next();
            return IsIdentifier(t) ? t : throw new FormatException($"TinyCalc: expected a name, found '{t}' (token {pos - 1})");
        }

        private string Next() => pos < tokens.Count ? tokens[pos++] : throw new FormatException("TinyCalc: unexpected end of program");

        private void Expect(string token)
        {
            var t = Next();
            if (t != token)
            {
                throw new FormatException($"TinyCalc: expected '{token}', found '{t}' (token {pos - 1})");
            }
        }
    }
}
