using ByteFluent.Text;

namespace ByteFluent.Tests.Text;

/// <summary>
/// Mistakes in hand-written assembly are reported as <c>file:line:column: message</c> naming what was expected,
/// always as <see cref="AsmSyntaxException"/> (never another exception, never a stack trace).
/// </summary>
public sealed class MalformedAsmTests
{
    // A valid 3.12 module: print('hi').
    private const string Valid = """
        .python 3.12
        .code <module>
            names print
            RESUME 0
            PUSH_NULL
            LOAD_NAME print
            LOAD_CONST 'hi'
            CALL 1
            POP_TOP
            RETURN_CONST None
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        // Kind of mistake, assembly text, expected "line:column: message".
        { "unknown opcode", Replace("    POP_TOP", "    POP_TOPP"), "9:5: unknown opcode 'POP_TOPP' for Python 3.12" },
        { "opcode of another version", Replace("    POP_TOP", "    ROT_TWO"), "9:5: unknown opcode 'ROT_TWO' for Python 3.12" },
        { "specialized opcode", Replace("    LOAD_NAME print", "    LOAD_GLOBAL_BUILTIN print"), "6:25: wrong argument kind: LOAD_GLOBAL_BUILTIN takes a number, found 'print'" },
        { "wrong argument kind (number for a name)", Replace("    LOAD_NAME print", "    LOAD_NAME 3"), "6:15: wrong argument kind: LOAD_NAME takes a name, found the number 3" },
        { "wrong argument kind (string for a label)", Replace("    POP_TOP", "    JUMP_FORWARD 'end'"), "9:18: wrong argument kind: JUMP_FORWARD takes a label, found a string" },
        { "argument for an opcode without one", Replace("    POP_TOP", "    POP_TOP x"), "9:13: wrong argument kind: POP_TOP takes no argument, found 'x'" },
        { "named argument unknown", Replace("    POP_TOP", "    BINARY_OP plus"), "9:15: wrong argument kind: BINARY_OP takes a number or one of +, &, //, <<, @, *, %, |, **, >>, -, /, …, found 'plus'" },
        { "undefined label", Replace("    POP_TOP", "    JUMP_FORWARD L9"), "9:18: undefined label 'L9': expected a line 'L9:' in code object '<module>'" },
        { "label defined twice", Replace("    POP_TOP", "L1:\n    POP_TOP\nL1:"), "11:1: label 'L1' is defined twice: expected one definition (the first is at line 9)" },
        { "unterminated string", Replace("'hi'", "'hi"), "7:16: unterminated string: expected a closing ' before the end of the line" },
        { "unknown escape", Replace("'hi'", "'h\\qi'"), "7:18: unknown escape \\q: expected \\\\, \\', \\\", \\n, \\r, \\t, \\xHH, \\uHHHH or \\UHHHHHHHH" },
        { "bad number (constant)", Replace("'hi'", "12x"), "7:16: bad number '12x': expected an integer (12, -3) or a float (1.5, 1e-05, inf, nan)" },
        { "bad number (attribute)", Replace("    names print", "    names print\n    firstlineno 1O"), "4:17: bad number '1O': expected the first line number" },
        { "L suffix in Python 3", Replace("'hi'", "5L"), "7:16: bad number '5L': the L suffix marks a Python 2 long; this file is Python 3" },
        { "bad constant syntax (unclosed tuple)", Replace("'hi'", "(1, 2"), "7:21: bad constant syntax: expected ',' or ')' in a tuple, found the end of the line" },
        { "bad constant syntax (one-element tuple)", Replace("'hi'", "(1)"), "7:16: bad constant syntax: a one-element tuple is written (x,), with a comma" },
        { "bad constant syntax (unknown word)", Replace("'hi'", "nothing"), "7:16: bad constant syntax: expected a constant (None, True, False, a number, a string, (tuple,), [list], {dict}, set(...), frozenset(...), slice(...), complex(re, im), code ID), found 'nothing'" },
        { "missing header", Valid[(Valid.IndexOf('\n', StringComparison.Ordinal) + 1)..], "1:1: missing header: expected '.python X.Y' (the version) before '.code'" },
        { "empty file", "# nothing here\n", "1:1: missing header: expected '.python X.Y' (the version), found an empty file" },
        { "unsupported version", Replace(".python 3.12", ".python 3.99"), "1:9: unsupported version '3.99': expected one of 1.0, 1.1, 1.3, 1.4, 1.5, 1.6, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14, 3.15, pypy2.7, pypy3.2, pypy3.5, pypy3.6, pypy3.7, pypy3.8, pypy3.9" },
        { "unknown directive", Replace("    POP_TOP", "    .lineno 3"), "9:5: unknown directive '.lineno': expected one of .python, .pyc, .magic, .value, .code, .line, .loc, .try, .endtry, .raw, .bytes, .layout, .trailer" },
        { "region end without begin", Replace("    POP_TOP", "    .endtry\n    POP_TOP"), "9:5: '.endtry' without an open region: expected a '.try' before it" },
        { "region before 3.11", ".python 3.10\n.code m\n    .try L1 depth 0\nL1:\n    LOAD_CONST None\n    RETURN_VALUE\n", "3:5: '.try' needs Python 3.11+ (exception tables); Python 3.10 uses SETUP_* instructions" },
        { "undefined code object", Replace("'hi'", "code <module>.f"), "7:21: undefined code object '<module>.f': expected the id of a '.code' section" },
        { "code object never used", Valid + "\n.code f\n    RETURN_CONST None\n", "11:7: code object 'f' is never used: expected a constant 'code f' in another code object (only the first is the module)" },
        { "code object that contains itself", Replace("'hi'", "code <module>"), "7:21: code object '<module>' contains itself: a code object cannot be its own constant" },
        { "instruction outside a code object", Replace(".code <module>\n", string.Empty), "2:5: 'names' is outside a code object: expected '.code ID' first" },
        { "unknown comparison", Replace("    POP_TOP", "    COMPARE_OP <>"), "9:16: unknown comparison '<>' for Python 3.12: expected one of <, <=, ==, !=, >, >=" },
        { "unknown code flag", Replace("    names print", "    flags OPTIMISED"), "3:11: unknown code flag in 'OPTIMISED': expected names of Python 3.12 joined by '|' (OPTIMIZED, NEWLOCALS, VARARGS, VARKEYWORDS, NESTED, GENERATOR, NOFREE, COROUTINE, ITERABLE_COROUTINE, ASYNC_GENERATOR, …) or a number" },
        { "attribute of another version", Replace("    names print", "    varnames x"), "3:5: attribute 'varnames' is for Python 2.7 to 3.10 (from 3.11: locals NAME: KIND, …), not Python 3.12" },
        { "unknown option", Replace("'hi'", "'hi' fast"), "7:21: unexpected 'fast' after the argument of LOAD_CONST: expected @INDEX, ext=N or the end of the line" },
        { "EXTENDED_ARG written out", Replace("    POP_TOP", "    EXTENDED_ARG 1\n    POP_TOP"), "9:5: EXTENDED_ARG is written by the assembler: expected an instruction (use ext=N to keep extra EXTENDED_ARG prefixes)" },
        { "stack underflow", Replace("    PUSH_NULL", "    POP_TOP\n    PUSH_NULL"), "5:5: stack underflow at POP_TOP (stack depth 0); check the instructions before it" },
        { "name not a cell", Replace("    POP_TOP", "    LOAD_DEREF x\n    POP_TOP"), "9:5: LOAD_DEREF x: 'x' is not a cell or free variable" },
        { "bad layout token", Valid + "\n.layout ^c7\n", "11:9: bad layout token '^c7': nothing may follow 'c'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MistakeIsReportedWithFileLineColumnAndWhatWasExpected(string kind, string text, string expected)
    {
        var e = Assert.Throws<AsmSyntaxException>(() => AsmReader.Parse(text, "hand.pyasm"));
        Assert.True($"hand.pyasm:{expected}" == e.Message, $"{kind}:\nexpected hand.pyasm:{expected}\nactual   {e.Message}");
        var parts = expected.Split(':', 3);
        Assert.Equal("hand.pyasm", e.File);
        Assert.Equal(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), e.Line);
        Assert.Equal(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), e.Column);
    }

    [Fact]
    public void TheValidFileAssembles()
    {
        var pyc = AsmReader.Parse(Valid, "hand.pyasm");
        Assert.Equal(ByteFluent.Versions.PythonVersion.V3_12, pyc.Header.Version);

        // As CPython 3.12 compiles print('hi'): the same stack size, and it runs.
        Assert.Equal(3, pyc.Code.StackSize);
        var dir = ByteFluent.TestSupport.RepositoryPaths.BuildCache("asm-edit");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "hand.pyc");
        pyc.Save(path);
        var run = ByteFluent.TestSupport.Interpreters.Get("3.12").Run(
            $"import marshal\nc = compile(\"print('hi')\", 'x', 'exec')\nassert c.co_stacksize == 3\nexec(marshal.loads(open('{path}', 'rb').read()[16:]))\n");
        Assert.Equal("hi", run.EnsureSuccess("running hand.pyc").Trim());
    }

    [Fact]
    public void Python2ByteStringsHoldOnlyBytes()
    {
        var text = ".python 2.7\n.code m\n    LOAD_CONST '\\u1234'\n    RETURN_VALUE\n";
        var e = Assert.Throws<AsmSyntaxException>(() => AsmReader.Parse(text, "py2.pyasm"));
        Assert.Equal("py2.pyasm:3:16: bad constant syntax: a byte string holds bytes; U+1234 is not one (use u'...' for text)", e.Message);
    }

    private static string Replace(string what, string with)
    {
        Assert.Contains(what, Valid, StringComparison.Ordinal);
        return Valid.Replace(what, with, StringComparison.Ordinal);
    }
}
