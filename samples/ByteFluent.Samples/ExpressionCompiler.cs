using System.Globalization;
using ByteFluent.Building;
using ByteFluent.Marshal;
using ByteFluent.Versions;

namespace ByteFluent.Samples;

/// <summary>
/// A small compiler from arithmetic expressions (<c>+ - * / // % **</c>, unary minus, parentheses, numbers and
/// parameter names) to a Python function, for any version. It writes through the builders' version-neutral
/// <c>Emit(opcode, arg)</c>, and reads the version's differences from its opcode table: which binary-operator
/// opcodes exist (one per operator before 3.11, <c>BINARY_OP</c> with named values after) and how a call is spelled.
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

    /// <summary>The module that defines every <c>calcN</c> and prints each call, for <paramref name="version"/>.</summary>
    public static PyCode Build(PythonVersion version) => version.ToString() switch
    {
        "2.7" => Module(Python27.Module(), i => Python27.Function("calc" + i, args: ["x", "y"])),
        "3.6" => Module(Python36.Module(), i => Python36.Function("calc" + i, args: ["x", "y"])),
        "3.7" => Module(Python37.Module(), i => Python37.Function("calc" + i, args: ["x", "y"])),
        "3.8" => Module(Python38.Module(), i => Python38.Function("calc" + i, args: ["x", "y"])),
        "3.9" => Module(Python39.Module(), i => Python39.Function("calc" + i, args: ["x", "y"])),
        "3.10" => Module(Python310.Module(), i => Python310.Function("calc" + i, args: ["x", "y"])),
        "3.11" => Module(Python311.Module(), i => Python311.Function("calc" + i, args: ["x", "y"])),
        "3.12" => Module(Python312.Module(), i => Python312.Function("calc" + i, args: ["x", "y"])),
        "3.13" => Module(Python313.Module(), i => Python313.Function("calc" + i, args: ["x", "y"])),
        "3.14" => Module(Python314.Module(), i => Python314.Function("calc" + i, args: ["x", "y"])),
        "3.15" => Module(Python315.Module(), i => Python315.Function("calc" + i, args: ["x", "y"])),
        _ => throw new UnsupportedPythonVersionException(version),
    };

    /// <summary>Compiles one expression into a function body: <c>return expression</c>.</summary>
    public static TBuilder CompileFunction<TBuilder>(TBuilder function, string expression)
        where TBuilder : CodeBuilder<TBuilder>
    {
        var emit = new Emitter<TBuilder>(function);
        emit.Prologue();
        new Parser(expression, emit.Number, emit.Name, emit.Binary, emit.Negate).ParseAll();
        return function.Emit(function.Table["RETURN_VALUE"]);
    }

    private static PyCode Module<TBuilder>(TBuilder module, Func<int, TBuilder> function)
        where TBuilder : CodeBuilder<TBuilder>
    {
        var m = new Emitter<TBuilder>(module);
        m.Prologue();
        for (var i = 0; i < Expressions.Length; i++)
        {
            var code = CompileFunction(function(i), Expressions[i]).Build();
            m.DefineFunction("calc" + i, code);
        }

        for (var i = 0; i < Expressions.Length; i++)
        {
            foreach (var (x, y) in Calls)
            {
                m.PrintCall("calc" + i, x, y);
            }
        }

        m.ReturnNone();
        return module.ToCode();
    }

    /// <summary>The version's spelling of each step, chosen from what its opcode table contains.</summary>
    private sealed class Emitter<TBuilder>(TBuilder b)
        where TBuilder : CodeBuilder<TBuilder>
    {
        private readonly OpcodeTable t = b.Table;

        private static readonly Dictionary<string, string> OperatorOpcodes = new()
        {
            ["+"] = "BINARY_ADD",
            ["-"] = "BINARY_SUBTRACT",
            ["*"] = "BINARY_MULTIPLY",
            ["//"] = "BINARY_FLOOR_DIVIDE",
            ["%"] = "BINARY_MODULO",
            ["**"] = "BINARY_POWER",
        };

        private bool Has(string name) => t.Contains(name);

        private void Op(string name, object? arg = null) => b.Emit(t[name], arg);

        public void Prologue()
        {
            if (Has("RESUME"))
            {
                Op("RESUME", 0);
            }
        }

        public void Number(double value, bool isInteger) =>
            Op("LOAD_CONST", isInteger ? new PyInt(new System.Numerics.BigInteger(value)) : new PyFloat(value));

        public void Name(string name) => Op("LOAD_FAST", name);

        public void Negate() => Op("UNARY_NEGATIVE");

        public void Binary(string symbol)
        {
            if (Has("BINARY_OP"))
            {
                var value = t.GetArgumentNames("BINARY_OP").Single(a => a.Symbol == symbol);
                Op("BINARY_OP", value.Value);
            }
            else if (symbol == "/")
            {
                // 2.7's "/" is BINARY_DIVIDE (floor division for ints, as the 2.7 source means); 3.x's is true division.
                Op(Has("BINARY_DIVIDE") ? "BINARY_DIVIDE" : "BINARY_TRUE_DIVIDE");
            }
            else
            {
                Op(OperatorOpcodes[symbol]);
            }
        }

        public void DefineFunction(string name, Model.Code code)
        {
            Op("LOAD_CONST", code);
            if (t.Version.Major == 3 && !Has("RESUME"))
            {
                Op("LOAD_CONST", new PyString(name)); // 3.x before 3.11 takes the qualified name from the stack
            }

            Op("MAKE_FUNCTION", t["MAKE_FUNCTION"].HasArg ? 0 : null);
            Op("STORE_NAME", name);
        }

        public void PrintCall(string function, int x, int y)
        {
            if (!Has("PRINT_ITEM"))
            {
                LoadCallable("print");
            }

            LoadCallable(function);
            Op("LOAD_CONST", new PyInt(x));
            Op("LOAD_CONST", new PyInt(y));
            Call(2);
            if (Has("PRINT_ITEM"))
            {
                Op("PRINT_ITEM");
                Op("PRINT_NEWLINE");
            }
            else
            {
                Call(1);
                Op("POP_TOP");
            }
        }

        public void ReturnNone()
        {
            if (Has("RETURN_CONST"))
            {
                Op("RETURN_CONST", PyNone.Instance);
            }
            else
            {
                Op("LOAD_CONST", PyNone.Instance);
                Op("RETURN_VALUE");
            }
        }

        // 3.11/3.12 push NULL below the callable; 3.13+ (which has CALL_KW) above it; earlier versions not at all.
        private void LoadCallable(string name)
        {
            var nullFirst = Has("PUSH_NULL") && !Has("CALL_KW");
            if (nullFirst)
            {
                Op("PUSH_NULL");
            }

            Op("LOAD_NAME", name);
            if (Has("PUSH_NULL") && !nullFirst)
            {
                Op("PUSH_NULL");
            }
        }

        private void Call(int argc)
        {
            if (Has("PRECALL"))
            {
                Op("PRECALL", argc);
            }

            Op(Has("CALL") ? "CALL" : "CALL_FUNCTION", argc);
        }
    }

    /// <summary>Recursive descent with Python's precedence: ** binds tighter than unary minus on its left, and is right-associative.</summary>
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
