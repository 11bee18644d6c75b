using ByteFluent.Portable;
using ByteFluent.Portable.Syntax;
using static ByteFluent.Portable.Py;

namespace ByteFluent.Tests.Portable;

/// <summary>One program of the portable suite: built once with the portable layer, with the same program as Python source.</summary>
/// <param name="Name">File name.</param>
/// <param name="Category">What it exercises (the closeness table groups by it).</param>
/// <param name="Body">The portable module body.</param>
/// <param name="Source">The same program as source (valid 2.7 with print_function, and 3.x).</param>
/// <param name="MinMinor">The first 3.x minor version that has the construct (0: every version, 2.7 included).</param>
public sealed record PortableProgram(string Name, string Category, Action<Block> Body, string Source, int MinMinor = 0);

/// <summary>The suite: at least 40 programs covering every construct of the portable layer.</summary>
public static class PortablePrograms
{
    private static readonly string[] NoArgs = [];

    private static readonly Expr[] NoBases = [];

    private static Expr N(string n) => Name(n);

    public static IReadOnlyList<PortableProgram> All { get; } =
    [
        new("p01_constants", "straight", m => m
            .Print(1, 2.5, Str("s"), None, true, Const(new object?[] { 1, "a" }))
            .Print(Const(-7), Const(300), Const(1L << 40)),
            "print(1, 2.5, 's', None, True, (1, 'a'))\nprint(-7, 300, 1099511627776)\n"),
        new("p02_names", "straight", m => m
            .Assign("a", 1).Assign("b", N("a")).AssignMany([N("c"), N("d")], 3).Print(N("a"), N("b"), N("c"), N("d")).Delete("a")
            .Print(Call("len", Call("dir")) .Gt(0)),
            "a = 1\nb = a\nc = d = 3\nprint(a, b, c, d)\ndel a\nprint(len(dir()) > 0)\n"),
        new("p03_arith", "arith", m => m
            .Assign("x", 7).Assign("y", 3)
            .Print(N("x") + N("y"), N("x") - N("y"), N("x") * N("y"), N("x").FloorDiv(N("y")), N("x") % N("y"), N("x").Pow(N("y")))
            .Print(N("x") << N("y"), N("x") >> 1, N("x") & N("y"), N("x") | N("y"), N("x") ^ N("y"), -N("x"), +N("x"), ~N("x"))
            .Print(Not(N("x")), N("x") * 1.5),
            "x = 7\ny = 3\nprint(x + y, x - y, x * y, x // y, x % y, x ** y)\nprint(x << y, x >> 1, x & y, x | y, x ^ y, -x, +x, ~x)\nprint(not x, x * 1.5)\n"),
        new("p04_inplace", "arith", m => m
            .Assign("x", 10).AugAssign("x", BinaryOperator.Add, 5).AugAssign("x", BinaryOperator.Multiply, 2)
            .AugAssign("x", BinaryOperator.FloorDivide, 4).AugAssign("x", BinaryOperator.Remainder, 5).AugAssign("x", BinaryOperator.LeftShift, 3)
            .AugAssign("x", BinaryOperator.Or, 1).AugAssign("x", BinaryOperator.Xor, 2).AugAssign("x", BinaryOperator.Subtract, 1).Print(N("x")),
            "x = 10\nx += 5\nx *= 2\nx //= 4\nx %= 5\nx <<= 3\nx |= 1\nx ^= 2\nx -= 1\nprint(x)\n"),
        new("p05_compare", "arith", m => m
            .Assign("a", 3).Assign("b", List(1, 2, 3))
            .Print(N("a").Lt(4), N("a").Le(3), N("a").Eq(3), N("a").Ne(3), N("a").Gt(1), N("a").Ge(5))
            .Print(N("a").In(N("b")), N("a").NotIn(N("b")), N("a").Is(None), N("a").IsNot(None))
            .Print(Const(1).Lt(N("a")).Lt(5), Const(1).Lt(N("a")).Lt(2), Const(0).Lt(N("a")).Le(3).Lt(9)),
            "a = 3\nb = [1, 2, 3]\nprint(a < 4, a <= 3, a == 3, a != 3, a > 1, a >= 5)\nprint(a in b, a not in b, a is None, a is not None)\nprint(1 < a < 5, 1 < a < 2, 0 < a <= 3 < 9)\n"),
        new("p06_boolops", "arith", m => m
            .Assign("a", 0).Assign("b", 5)
            .Print(N("a").And(N("b")), N("a").Or(N("b")), And(N("b"), 2, 3), Or(N("a"), 0, Str("x")), IfElse(N("a"), 1, 2)),
            "a = 0\nb = 5\nprint(a and b, a or b, b and 2 and 3, a or 0 or 'x', 1 if a else 2)\n"),
        new("p07_calls", "calls", m => m
            .Def("f", [Param("a"), Param("b", 10), Param("c", 20)], f => f.Return(Tuple(N("a"), N("b"), N("c"))))
            .Print(Call("f", 1)).Print(Call("f", 1, 2)).Print(Call("f", 1, Kw("c", 3))).Print(Call("f", Kw("b", 4), Kw("a", 5)))
            .Print(1, 2, Kw("sep", Str("-"))),
            "def f(a, b=10, c=20):\n    return (a, b, c)\nprint(f(1))\nprint(f(1, 2))\nprint(f(1, c=3))\nprint(f(b=4, a=5))\nprint(1, 2, sep='-')\n"),
        new("p08_star_calls", "calls", m => m
            .Def("f", ["a", "b", "c"], f => f.Return(N("a") * 100 + N("b") * 10 + N("c")))
            .Assign("t", Tuple(1, 2, 3)).Assign("d", Dict((Str("c"), 9)))
            .Print(Call("f", Star(N("t")))).Print(Call("f", 4, Star(List(5, 6)))).Print(Call("f", 1, 2, StarStar(N("d"))))
            .Print(Call("f", StarStar(Dict((Str("a"), 1), (Str("b"), 2), (Str("c"), 3))))).Print(Call("f", 7, Kw("b", 8), StarStar(N("d")))),
            "def f(a, b, c):\n    return a * 100 + b * 10 + c\nt = (1, 2, 3)\nd = {'c': 9}\nprint(f(*t))\nprint(f(4, *[5, 6]))\nprint(f(1, 2, **d))\nprint(f(**{'a': 1, 'b': 2, 'c': 3}))\nprint(f(7, b=8, **d))\n"),
        new("p09_methods", "calls", m => m
            .Assign("s", List()).Do(N("s").CallMethod("append", 3)).Do(N("s").CallMethod("append", 1)).Do(N("s").CallMethod("sort"))
            .Print(N("s"), Str("a,b").CallMethod("split", Str(","))).Print(Str("x").CallMethod("join", List(Str("1"), Str("2"))))
            .Do(N("s").CallMethod("sort", Kw("reverse", true))).Print(N("s")),
            "s = []\ns.append(3)\ns.append(1)\ns.sort()\nprint(s, 'a,b'.split(','))\nprint('x'.join(['1', '2']))\ns.sort(reverse=True)\nprint(s)\n"),
        new("p10_attributes", "straight", m => m
            .Class("C", [N("object")], c => c.Assign("v", 1))
            .Assign("o", Call("C")).Assign(N("o").Attr("w"), 2).Print(N("o").Attr("v"), N("o").Attr("w"))
            .AugAssign(N("o").Attr("w"), BinaryOperator.Add, 5).Print(N("o").Attr("w")).Delete(N("o").Attr("w")).Print(Call("hasattr", N("o"), Str("w"))),
            "class C(object):\n    v = 1\no = C()\no.w = 2\nprint(o.v, o.w)\no.w += 5\nprint(o.w)\ndel o.w\nprint(hasattr(o, 'w'))\n"),
        new("p11_subscripts", "straight", m => m
            .Assign("l", List(1, 2, 3, 4, 5)).Print(N("l").Item(0), N("l").Item(-1), N("l").Slice(1, 3), N("l").Slice(null, null, 2), N("l").Slice(2, null))
            .Assign(N("l").Item(0), 9).AugAssign(N("l").Item(1), BinaryOperator.Multiply, 10).Delete(N("l").Item(2)).Print(N("l"))
            .Assign("d", Dict()).Assign(N("d").Item(Str("k")), 1).Print(N("d")),
            "l = [1, 2, 3, 4, 5]\nprint(l[0], l[-1], l[1:3], l[::2], l[2:])\nl[0] = 9\nl[1] *= 10\ndel l[2]\nprint(l)\nd = {}\nd['k'] = 1\nprint(d)\n"),
        new("p12_displays", "straight", m => m
            .Assign("a", 1)
            .Print(Tuple(N("a"), 2), List(N("a"), 2), List(1, 2, 3), Call("sorted", Set(N("a"), 2, 3)), Dict((Str("x"), N("a")), (Str("y"), 2)), Dict((N("a"), 2)))
            .Print(Tuple(), List(), Dict()),
            "a = 1\nprint((a, 2), [a, 2], [1, 2, 3], sorted({a, 2, 3}), {'x': a, 'y': 2}, {a: 2})\nprint((), [], {})\n"),
        new("p13_unpack", "straight", m => m
            .Assign(Tuple(N("a"), N("b")), Tuple(1, 2)).Assign(Tuple(N("a"), N("b")), Tuple(N("b"), N("a"))).Print(N("a"), N("b"))
            .Assign(List(N("x"), Tuple(N("y"), N("z"))), List(1, Tuple(2, 3))).Print(N("x"), N("y"), N("z")),
            "(a, b) = (1, 2)\n(a, b) = (b, a)\nprint(a, b)\n[x, (y, z)] = [1, (2, 3)]\nprint(x, y, z)\n"),
        new("p14_if", "control", m => m
            .For("i", Call("range", 4), f => f.If(N("i").Eq(0), t => t.Print(Str("zero")), e => e.If(N("i").Eq(1), t => t.Print(Str("one")), e2 => e2.Print(Str("many"), N("i")))))
            .If(Const(1).Lt(2).And(Const(2).Lt(3)), t => t.Print(Str("and"))).If(Not(Const(0)).Or(N("x")), t => t.Print(Str("or"))),
            "for i in range(4):\n    if i == 0:\n        print('zero')\n    elif i == 1:\n        print('one')\n    else:\n        print('many', i)\nif 1 < 2 and 2 < 3:\n    print('and')\nif not 0 or x:\n    print('or')\n"),
        new("p15_while", "control", m => m
            .Def("w", ["n"], f => f.Assign("i", 0).Assign("t", 0).While(N("i").Lt(N("n")), b => b.AugAssign("t", BinaryOperator.Add, N("i")).AugAssign("i", BinaryOperator.Add, 1)).Return(N("t")))
            .Print(Call("w", 0), Call("w", 5)),
            "def w(n):\n    i = 0\n    t = 0\n    while i < n:\n        t += i\n        i += 1\n    return t\nprint(w(0), w(5))\n"),
        new("p16_while_break", "control", m => m
            .Def("w", ["n"], f => f.Assign("i", 0)
                .While(true, b => b.AugAssign("i", BinaryOperator.Add, 1).If(N("i").Gt(N("n")), t => t.Break()).If(N("i") % 2, t => t.Continue()).Print(N("i")))
                .While(N("i"), b => b.AugAssign("i", BinaryOperator.Subtract, 1), e => e.Print(Str("else"), N("i"))).Return(N("i")))
            .Print(Call("w", 5)),
            "def w(n):\n    i = 0\n    while True:\n        i += 1\n        if i > n:\n            break\n        if i % 2:\n            continue\n        print(i)\n    while i:\n        i -= 1\n    else:\n        print('else', i)\n    return i\nprint(w(5))\n"),
        new("p17_for", "control", m => m
            .Def("f", ["xs"], f => f.Assign("t", 0).For("x", N("xs"), b => b.AugAssign("t", BinaryOperator.Add, N("x"))).Return(N("t")))
            .Print(Call("f", List(1, 2, 3)), Call("f", Call("range", 10))),
            "def f(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\nprint(f([1, 2, 3]), f(range(10)))\n"),
        new("p18_for_break_else", "control", m => m
            .Def("find", ["xs", "v"], f => f.For(Tuple(N("i"), N("x")), Call("enumerate", N("xs")),
                b => b.If(N("x").Eq(N("v")), t => t.Print(Str("found"), N("i")).Break()).If(N("x").Lt(0), t => t.Continue()).Print(Str("saw"), N("x")),
                e => e.Print(Str("none"))))
            .Do(Call("find", List(1, -1, 2, 3), 2)).Do(Call("find", List(1), 5)),
            "def find(xs, v):\n    for (i, x) in enumerate(xs):\n        if x == v:\n            print('found', i)\n            break\n        if x < 0:\n            continue\n        print('saw', x)\n    else:\n        print('none')\nfind([1, -1, 2, 3], 2)\nfind([1], 5)\n"),
        new("p19_nested_loops", "control", m => m
            .For("i", Call("range", 3), a => a.For("j", Call("range", 3), b => b.If(N("j").Eq(N("i")), t => t.Break()).Print(N("i"), N("j")))),
            "for i in range(3):\n    for j in range(3):\n        if j == i:\n            break\n        print(i, j)\n"),
        new("p20_try_except", "try", m => m
            .Def("div", ["a", "b"], f => f.Try(t => t.Assign("r", N("a").FloorDiv(N("b"))), h => h.Except("ZeroDivisionError", e => e.Assign("r", -1))).Return(N("r")))
            .Print(Call("div", 7, 2), Call("div", 1, 0)),
            "def div(a, b):\n    try:\n        r = a // b\n    except ZeroDivisionError:\n        r = -1\n    return r\nprint(div(7, 2), div(1, 0))\n"),
        new("p21_try_as", "try", m => m
            .Def("f", ["x"], f => f.Try(t => t.Return(Call("int", N("x"))),
                h => h.Except("ValueError", "e", e => e.Print(Str("bad"), Call("type", N("e")).Attr("__name__")))
                      .Except(Tuple(N("TypeError"), N("KeyError")), null, e => e.Print(Str("type"))))
                .Return(-1))
            .Print(Call("f", Str("12"))).Print(Call("f", Str("zz"))).Print(Call("f", None)),
            "def f(x):\n    try:\n        return int(x)\n    except ValueError as e:\n        print('bad', type(e).__name__)\n    except (TypeError, KeyError):\n        print('type')\n    return -1\nprint(f('12'))\nprint(f('zz'))\nprint(f(None))\n"),
        new("p22_try_else_finally", "try", m => m
            .Def("f", ["x"], f => f.Try(t => t.Assign("y", Const(10).FloorDiv(N("x"))),
                h => h.Except("ZeroDivisionError", e => e.Print(Str("zero"))).Else(e => e.Print(Str("ok"), N("y"))).Finally(e => e.Print(Str("finally")))))
            .Do(Call("f", 2)).Do(Call("f", 0)),
            "def f(x):\n    try:\n        y = 10 // x\n    except ZeroDivisionError:\n        print('zero')\n    else:\n        print('ok', y)\n    finally:\n        print('finally')\nf(2)\nf(0)\n"),
        new("p23_try_finally_return", "try", m => m
            .Def("f", ["x"], f => f.Try(t => t.If(N("x"), a => a.Return(Str("early"))).Print(Str("body")), h => h.Finally(e => e.Print(Str("cleanup")))).Return(Str("late")))
            .Print(Call("f", 1)).Print(Call("f", 0)),
            "def f(x):\n    try:\n        if x:\n            return 'early'\n        print('body')\n    finally:\n        print('cleanup')\n    return 'late'\nprint(f(1))\nprint(f(0))\n"),
        new("p24_raise", "try", m => m
            .Def("f", ["x"], f => f.If(N("x").Lt(0), t => t.Raise(Call("ValueError", Str("negative")))).Return(N("x")))
            .Try(t => t.Do(Call("f", -1)), h => h.Except("ValueError", "e", e => e.Print(Str("caught"), Call("str", N("e")))))
            .Try(t => t.Try(a => a.Do(Call("f", -2)), h => h.Except((Expr?)null, null, e => e.Print(Str("inner")).Reraise())), h => h.Except("ValueError", e => e.Print(Str("outer")))),
            "def f(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x\ntry:\n    f(-1)\nexcept ValueError as e:\n    print('caught', str(e))\ntry:\n    try:\n        f(-2)\n    except:\n        print('inner')\n        raise\nexcept ValueError:\n    print('outer')\n"),
        new("p25_loop_try", "try", m => m
            .Def("g", NoArgs, f => f.Assign("out", List()).For("x", List(1, 0, 2, Str("a"), 4), b => b.Try(t => t.Do(N("out").CallMethod("append", Const(12).FloorDiv(N("x")))),
                h => h.Except("ZeroDivisionError", e => e.Continue()).Except("TypeError", e => e.Break()))).Return(N("out")))
            .Print(Call("g")),
            "def g():\n    out = []\n    for x in [1, 0, 2, 'a', 4]:\n        try:\n            out.append(12 // x)\n        except ZeroDivisionError:\n            continue\n        except TypeError:\n            break\n    return out\nprint(g())\n"),
        new("p26_with", "with", m => m
            .Class("Ctx", [N("object")], c => c
                .Def("__init__", ["self", "name"], f => f.Assign(N("self").Attr("name"), N("name")))
                .Def("__enter__", ["self"], f => f.Print(Str("enter"), N("self").Attr("name")).Return(N("self").Attr("name")))
                .Def("__exit__", ["self", "t", "v", "tb"], f => f.Print(Str("exit"), N("self").Attr("name"), N("t").IsNot(None)).Return(N("t").Is(N("KeyError")))))
            .With(Call("Ctx", Str("a")), "n", b => b.Print(Str("in"), N("n")))
            .With(Call("Ctx", Str("b")), null, b => b.Raise(Call("KeyError")))
            .Def("f", NoArgs, f => f.With(Call("Ctx", Str("c")), "n", b => b.Return(N("n") + Str("!"))))
            .Print(Call("f")),
            "class Ctx(object):\n    def __init__(self, name):\n        self.name = name\n    def __enter__(self):\n        print('enter', self.name)\n        return self.name\n    def __exit__(self, t, v, tb):\n        print('exit', self.name, t is not None)\n        return t is KeyError\nwith Ctx('a') as n:\n    print('in', n)\nwith Ctx('b'):\n    raise KeyError()\ndef f():\n    with Ctx('c') as n:\n        return n + '!'\nprint(f())\n"),
        new("p27_assert", "control", m => m
            .Assert(Const(1).Lt(2)).Try(t => t.Assert(Const(1).Gt(2), Str("math")), h => h.Except("AssertionError", "e", e => e.Print(Str("failed"), Call("str", N("e")))))
            .Try(t => t.Assert(List()), h => h.Except("AssertionError", e => e.Print(Str("empty")))),
            "assert 1 < 2\ntry:\n    assert 1 > 2, 'math'\nexcept AssertionError as e:\n    print('failed', str(e))\ntry:\n    assert []\nexcept AssertionError:\n    print('empty')\n"),
        new("p28_imports", "imports", m => m
            .Import("math").Import("os.path").Import("os.path", "osp").ImportFrom("math", "sqrt", "pi as PI")
            .Print(N("math").CallMethod("floor", 2.5), N("os").Attr("path").CallMethod("join", Str("a"), Str("b")), N("osp").CallMethod("basename", Str("x/y")), Call("sqrt", 16.0), N("PI").Gt(3)),
            "import math\nimport os.path\nimport os.path as osp\nfrom math import sqrt, pi as PI\nprint(math.floor(2.5), os.path.join('a', 'b'), osp.basename('x/y'), sqrt(16.0), PI > 3)\n"),
        new("p29_functions", "functions", m => m
            .Def("f", [Param("a"), Param("b", List(1))], f => f.Return(N("a") + Call("len", N("b"))), o => o.VarArgs = "rest")
            .Def("g", ["x"], f => f.Return(Tuple(N("x"), N("kw"))), o => o.VarKeywords = "kw")
            .Print(Call("f", 1), Call("f", 1, List(1, 2), 3), Call("g", 1, Kw("z", 2))).Print(N("f").Attr("__name__"), N("g").Attr("__doc__")),
            "def f(a, b=[1], *rest):\n    return a + len(b)\ndef g(x, **kw):\n    return (x, kw)\nprint(f(1), f(1, [1, 2], 3), g(1, z=2))\nprint(f.__name__, g.__doc__)\n"),
        new("p30_closures", "closures", m => m
            .Def("counter", ["start"], f => f
                .Def("inc", [Param("by", 1)], i => i.Return(N("start") + N("by")))
                .Def("twice", NoArgs, i => i.Return(Call("inc", 2) * 2))
                .Return(Tuple(N("inc"), N("twice"))))
            .Assign(Tuple(N("a"), N("b")), Call("counter", 10)).Print(Call("a"), Call("a", 5), Call("b")),
            "def counter(start):\n    def inc(by=1):\n        return start + by\n    def twice():\n        return inc(2) * 2\n    return (inc, twice)\n(a, b) = counter(10)\nprint(a(), a(5), b())\n"),
        new("p31_nested_closure", "closures", m => m
            .Def("outer", NoArgs, f => f.Assign("x", 1)
                .Def("middle", NoArgs, g => g.Def("inner", NoArgs, i => i.Return(N("x") * 100)).Return(Call("inner")))
                .Assign("x", 2).Return(Call("middle")))
            .Print(Call("outer")),
            "def outer():\n    x = 1\n    def middle():\n        def inner():\n            return x * 100\n        return inner()\n    x = 2\n    return middle()\nprint(outer())\n"),
        new("p32_classes", "classes", m => m
            .Class("A", [N("object")], c => c.Assign("kind", Str("a"))
                .Def("__init__", ["self", "v"], f => f.Assign(N("self").Attr("v"), N("v")))
                .Def("show", ["self"], f => f.Return(Tuple(N("self").Attr("kind"), N("self").Attr("v")))))
            .Class("B", [N("A")], c => c.Assign("kind", Str("b")).Def("show", ["self"], f => f.Return(N("A").CallMethod("show", N("self")) + Tuple(Str("B")))))
            .Print(Call("A", 1).CallMethod("show"), Call("B", 2).CallMethod("show"), Call("isinstance", Call("B", 3), N("A")), N("B").Attr("__name__")),
            "class A(object):\n    kind = 'a'\n    def __init__(self, v):\n        self.v = v\n    def show(self):\n        return (self.kind, self.v)\nclass B(A):\n    kind = 'b'\n    def show(self):\n        return A.show(self) + ('B',)\nprint(A(1).show(), B(2).show(), isinstance(B(3), A), B.__name__)\n"),
        new("p33_decorators", "functions", m => m
            .Def("deco", ["fn"], f => f.Def("wrapper", NoArgs, w => w.Return(Call("fn") + 1)).Return(N("wrapper")))
            .Def("five", NoArgs, f => f.Return(5), o => o.Decorators = [N("deco"), N("deco")])
            .Class("K", [N("object")], c => c.Def("s", NoArgs, f => f.Return(Str("static")), o => o.Decorators = [N("staticmethod")]))
            .Print(Call("five"), N("K").CallMethod("s")),
            "def deco(fn):\n    def wrapper():\n        return fn() + 1\n    return wrapper\n@deco\n@deco\ndef five():\n    return 5\nclass K(object):\n    @staticmethod\n    def s():\n        return 'static'\nprint(five(), K.s())\n"),
        new("p34_globals", "functions", m => m
            .Assign("g", 1).Def("setg", ["v"], f => f.Global("g").Assign("g", N("v"))).Def("readg", NoArgs, f => f.Return(N("g") * 10))
            .Do(Call("setg", 4)).Print(N("g"), Call("readg")),
            "g = 1\ndef setg(v):\n    global g\n    g = v\ndef readg():\n    return g * 10\nsetg(4)\nprint(g, readg())\n"),
        new("p35_lambda", "functions", m => m
            .Assign("sq", Lambda(["x"], N("x") * N("x"))).Print(Call("sq", 7), Call("list", Call("map", Lambda(["v"], N("v") + 1), List(1, 2)))),
            "sq = lambda x: x * x\nprint(sq(7), list(map(lambda v: v + 1, [1, 2])))\n"),
        new("p36_listcomp", "comprehensions", m => m
            .Def("f", ["xs"], f => f.Return(ListComp(N("x") * 2, For(N("x"), N("xs"), N("x").Gt(1)))))
            .Print(Call("f", List(1, 2, 3)), ListComp(Tuple(N("a"), N("b")), For(N("a"), Call("range", 2)), For(N("b"), Call("range", 2)))),
            "def f(xs):\n    return [x * 2 for x in xs if x > 1]\nprint(f([1, 2, 3]), [(a, b) for a in range(2) for b in range(2)])\n"),
        new("p37_other_comps", "comprehensions", m => m
            .Assign("n", 3).Print(Call("sorted", SetComp(N("x") % N("n"), For(N("x"), Call("range", 10))))).Print(DictComp(N("k"), N("k") * N("n"), For(N("k"), Call("range", 3))))
            .Print(Call("sum", GenExp(N("x"), For(N("x"), Call("range", 5), N("x") % 2)))),
            "n = 3\nprint(sorted({x % n for x in range(10)}))\nprint({k: k * n for k in range(3)})\nprint(sum((x for x in range(5) if x % 2)))\n"),
        new("p38_generators", "generators", m => m
            .Def("gen", ["n"], f => f.Assign("i", 0).While(N("i").Lt(N("n")), b => b.Assign("got", Yield(N("i"))).If(N("got"), t => t.Print(Str("got"), N("got"))).AugAssign("i", BinaryOperator.Add, 1)))
            .Print(Call("list", Call("gen", 3))).Assign("g", Call("gen", 3)).Print(Call("next", N("g")), N("g").CallMethod("send", Str("hi"))),
            "def gen(n):\n    i = 0\n    while i < n:\n        got = (yield i)\n        if got:\n            print('got', got)\n        i += 1\nprint(list(gen(3)))\ng = gen(3)\nprint(next(g), g.send('hi'))\n"),
        new("p39_yield_from", "generators", m => m
            .Def("inner", NoArgs, f => f.Do(Yield(1)).Do(Yield(2)).Return(3))
            .Def("outer", NoArgs, f => f.Assign("r", YieldFrom(Call("inner"))).Do(Yield(N("r"))))
            .Print(Call("list", Call("outer"))),
            "def inner():\n    yield 1\n    yield 2\n    return 3\ndef outer():\n    r = yield from inner()\n    yield r\nprint(list(outer()))\n", MinMinor: 6),
        new("p40_fstrings", "strings", m => m
            .Assign("x", 3.14159).Assign("n", Str("ab"))
            .Print(FString(Str("x="), F(N("x"), ".2f"), Str(" n="), F(N("n"), conversion: 'r'), Str("!"))).Print(FString(F(N("n")))).Print(FString(Str("["), F(N("x") * 2, "8.3f"), Str("]"))),
            "x = 3.14159\nn = 'ab'\nprint(f'x={x:.2f} n={n!r}!')\nprint(f'{n}')\nprint(f'[{x * 2:8.3f}]')\n", MinMinor: 6),
        new("p41_kwonly_annotations", "functions", m => m
            .Def("f", [Param("a", null, N("int"))], f => f.Return(Tuple(N("a"), N("b"), N("c"))), o => { o.KwOnly = [Param("b", 2), Param("c", 3)]; o.VarArgs = "args"; o.Returns = N("tuple"); })
            .Print(Call("f", 1), Call("f", 1, Kw("c", 9))).Print(Call("sorted", N("f").Attr("__annotations__").CallMethod("keys"))),
            "def f(a: int, *args, b=2, c=3) -> tuple:\n    return (a, b, c)\nprint(f(1), f(1, c=9))\nprint(sorted(f.__annotations__.keys()))\n", MinMinor: 6),
        new("p42_nonlocal", "closures", m => m
            .Def("make", NoArgs, f => f.Assign("count", 0).Def("inc", NoArgs, i => i.Nonlocal("count").AugAssign("count", BinaryOperator.Add, 1).Return(N("count"))).Return(N("inc")))
            .Assign("c", Call("make")).Do(Call("c")).Print(Call("c")),
            "def make():\n    count = 0\n    def inc():\n        nonlocal count\n        count += 1\n        return count\n    return inc\nc = make()\nc()\nprint(c())\n", MinMinor: 6),
        new("p43_await", "async", m => m
            .Class("Later", [N("object")], c => c.Def("__await__", ["self"], f => f.Do(Yield(Str("tick"))).Return(42)))
            .AsyncDef("job", [], f => f.Assign("v", Await(Call("Later"))).Return(N("v") + 1))
            .Assign("co", Call("job")).Print(N("co").CallMethod("send", None))
            .Try(t => t.Do(N("co").CallMethod("send", None)), h => h.Except("StopIteration", "e", e => e.Print(Str("done"), N("e").Attr("value")))),
            "class Later(object):\n    def __await__(self):\n        yield 'tick'\n        return 42\nasync def job():\n    v = await Later()\n    return v + 1\nco = job()\nprint(co.send(None))\ntry:\n    co.send(None)\nexcept StopIteration as e:\n    print('done', e.value)\n", MinMinor: 6),
        new("p44_starred_displays", "straight", m => m
            .Assign("a", List(1, 2)).Print(Tuple(0, Starred(N("a")), 3), List(Starred(N("a")), Starred(N("a"))))
            .Assign(Tuple(N("h"), Starred(N("t"))), List(1, 2, 3)).Print(N("h"), N("t")),
            "a = [1, 2]\nprint((0, *a, 3), [*a, *a])\n(h, *t) = [1, 2, 3]\nprint(h, t)\n", MinMinor: 6),
        new("p45_raw_interop", "interop", m => m
            .Assign("x", 5)
            .Raw(t => [new ByteFluent.Model.Instr(t["NOP"])])
            .Print(N("x")),
            "x = 5\nprint(x)\n"),
        new("p46_star_import", "imports", m => m
            .ImportFrom("string", "*")
            .Print(N("digits"), N("ascii_lowercase").Slice(null, 3)),
            "from string import *\nprint(digits, ascii_lowercase[:3])\n"),
        .. PortableAsyncPrograms.All,
        new("p47_match_literals", "match", m => m
            .Def("f", ["x"], f => f.Match(N("x"), c => c
                .Case(Patterns.Value(1) | Patterns.Value(2), b => b.Return(Str("small")))
                .Case(Patterns.None, b => b.Return(Str("none")))
                .Case(Patterns.Singleton(false), b => b.Return(Str("false")))
                .Case(Patterns.Value(Str("a")), b => b.Return(Str("letter")))
                .Case(Patterns.Wildcard, b => b.Return(Str("other")))))
            .Print(Call("f", 1), Call("f", 2), Call("f", None), Call("f", false), Call("f", Str("a")), Call("f", 3.5)),
            "def f(x):\n    match x:\n        case 1 | 2:\n            return 'small'\n        case None:\n            return 'none'\n        case False:\n            return 'false'\n        case 'a':\n            return 'letter'\n        case _:\n            return 'other'\nprint(f(1), f(2), f(None), f(False), f('a'), f(3.5))\n", MinMinor: 10),
        new("p48_match_sequences", "match", m => m
            .Def("g", ["p"], f => f.Match(N("p"), c => c
                .Case(Patterns.Sequence(Patterns.Capture("a"), Patterns.Capture("b")), N("a").Gt(N("b")), b => b.Return(Tuple(Str("desc"), N("a"), N("b"))))
                .Case(Patterns.Sequence(Patterns.Capture("a"), Patterns.Capture("b")), b => b.Return(Tuple(Str("pair"), N("a"), N("b"))))
                .Case(Patterns.Sequence(Patterns.Capture("a"), Patterns.Star("rest")), b => b.Return(Tuple(Str("head"), N("a"), N("rest"))))
                .Case(Patterns.Sequence(), b => b.Return(Str("empty")))
                .Case(Patterns.Capture("other"), b => b.Return(Tuple(Str("other"), N("other"))))))
            .Print(Call("g", List(2, 1)), Call("g", Tuple(1, 2)), Call("g", List(1, 2, 3)), Call("g", List()), Call("g", Str("xy")), Call("g", 5)),
            "def g(p):\n    match p:\n        case [a, b] if a > b:\n            return ('desc', a, b)\n        case [a, b]:\n            return ('pair', a, b)\n        case [a, *rest]:\n            return ('head', a, rest)\n        case []:\n            return 'empty'\n        case other:\n            return ('other', other)\nprint(g([2, 1]), g((1, 2)), g([1, 2, 3]), g([]), g('xy'), g(5))\n", MinMinor: 10),
        new("p49_match_star_wildcard", "match", m => m
            .Def("h", ["s"], f => f.Match(N("s"), c => c
                .Case(Patterns.Sequence(Patterns.Value(0), Patterns.Star(), Patterns.Capture("z")), b => b.Return(N("z")))
                .Case(Patterns.Sequence(Patterns.Capture("x"), Patterns.Wildcard, Patterns.Star()), b => b.Return(N("x")))
                .Case(Patterns.Sequence(Patterns.Star()), b => b.Return(Str("short")))).Return(Str("none")))
            .Print(Call("h", List(0, 1, 2, 9)), Call("h", List(5, 6)), Call("h", List(1)), Call("h", 7)),
            "def h(s):\n    match s:\n        case [0, *_, z]:\n            return z\n        case [x, _, *_]:\n            return x\n        case [*_]:\n            return 'short'\n    return 'none'\nprint(h([0, 1, 2, 9]), h([5, 6]), h([1]), h(7))\n", MinMinor: 10),
        new("p50_match_classes", "match", m => m
            .Class("Point", NoBases, c => c
                .Assign("__match_args__", Tuple(Str("x"), Str("y")))
                .Def("__init__", ["self", "x", "y"], f => f.Assign(N("self").Attr("x"), N("x")).Assign(N("self").Attr("y"), N("y"))))
            .Def("where", ["p"], f => f.Match(N("p"), c => c
                .Case(Patterns.Class(N("Point"), [Patterns.Value(0), Patterns.Value(0)]), b => b.Return(Str("origin")))
                .Case(Patterns.Class(N("Point"), [], ("x", Patterns.Value(0)), ("y", Patterns.Capture("yy"))), b => b.Return(Tuple(Str("yaxis"), N("yy"))))
                .Case(Patterns.Class(N("Point"), [Patterns.Capture("xx"), Patterns.Value(0)]), b => b.Return(Tuple(Str("xaxis"), N("xx"))))
                .Case(Patterns.As(Patterns.Class(N("Point"), [Patterns.Capture("a"), Patterns.Capture("b")]), "pt"), N("a").Eq(N("b")), b => b.Return(Tuple(Str("diag"), N("a"), N("pt").Attr("x"))))
                .Case(Patterns.As(Patterns.Class(N("int"), []) | Patterns.Class(N("float"), []), "n"), b => b.Return(Tuple(Str("number"), N("n"))))
                .Case(Patterns.Class(N("str"), [Patterns.Capture("s")]), b => b.Return(Tuple(Str("str"), N("s"))))
                .Case(Patterns.Class(N("Point"), [Patterns.Wildcard], ("y", Patterns.Wildcard)), b => b.Return(Str("point")))
                .Case(Patterns.Wildcard, b => b.Return(Str("elsewhere")))))
            .Print(Call("where", Call("Point", 0, 0)), Call("where", Call("Point", 0, 5)), Call("where", Call("Point", 3, 0)), Call("where", Call("Point", 2, 2)), Call("where", Call("Point", 1, 2)))
            .Print(Call("where", 4), Call("where", 2.5), Call("where", Str("hi")), Call("where", List(1))),
            "class Point:\n    __match_args__ = ('x', 'y')\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\ndef where(p):\n    match p:\n        case Point(0, 0):\n            return 'origin'\n        case Point(x=0, y=yy):\n            return ('yaxis', yy)\n        case Point(xx, 0):\n            return ('xaxis', xx)\n        case Point(a, b) as pt if a == b:\n            return ('diag', a, pt.x)\n        case int() | float() as n:\n            return ('number', n)\n        case str(s):\n            return ('str', s)\n        case Point(_, y=_):\n            return 'point'\n        case _:\n            return 'elsewhere'\nprint(where(Point(0, 0)), where(Point(0, 5)), where(Point(3, 0)), where(Point(2, 2)), where(Point(1, 2)))\nprint(where(4), where(2.5), where('hi'), where([1]))\n", MinMinor: 10),
        new("p51_match_or_captures", "match", m => m
            .Def("k", ["v"], f => f.Match(N("v"), c => c
                .Case(Patterns.Sequence(Patterns.Value(1), Patterns.Capture("a"), Patterns.Capture("b")) | Patterns.Sequence(Patterns.Value(2), Patterns.Capture("b"), Patterns.Capture("a")), b => b.Return(Tuple(N("a"), N("b"))))
                .Case(Patterns.Mapping((Str("x"), Patterns.Value(1)), (Str("y"), Patterns.Capture("y"))) | Patterns.Mapping((Str("y"), Patterns.Capture("y")), (Str("z"), Patterns.Value(2))), b => b.Return(N("y")))
                .Case(Patterns.Wildcard, b => b.Return(None))))
            .Print(Call("k", Tuple(1, Str("p"), Str("q"))), Call("k", Tuple(2, Str("p"), Str("q"))), Call("k", Dict((Str("x"), 1), (Str("y"), 7))), Call("k", Dict((Str("y"), 8), (Str("z"), 2))), Call("k", 0)),
            "def k(v):\n    match v:\n        case (1, a, b) | (2, b, a):\n            return (a, b)\n        case {'x': 1, 'y': y} | {'y': y, 'z': 2}:\n            return y\n        case _:\n            return None\nprint(k((1, 'p', 'q')), k((2, 'p', 'q')), k({'x': 1, 'y': 7}), k({'y': 8, 'z': 2}), k(0))\n", MinMinor: 10),
        new("p52_match_mappings", "match", m => m
            .Def("md", ["d"], f => f.Match(N("d"), c => c
                .Case(Patterns.Mapping([(Str("kind"), Patterns.Value(Str("pt"))), (Str("x"), Patterns.Capture("x"))], "rest"), b => b.Return(Tuple(N("x"), Call("sorted", N("rest").CallMethod("items")))))
                .Case(Patterns.Mapping((Str("kind"), Patterns.Wildcard), (Str("v"), Patterns.Capture("v"))), b => b.Return(N("v")))
                .Case(Patterns.Mapping(), b => b.Return(Str("map")))
                .Case(Patterns.Wildcard, b => b.Return(Str("no")))))
            .Print(Call("md", Dict((Str("kind"), Str("pt")), (Str("x"), 1), (Str("z"), 2))), Call("md", Dict((Str("kind"), 3), (Str("v"), 4))), Call("md", Dict((Str("q"), 1))), Call("md", List())),
            "def md(d):\n    match d:\n        case {'kind': 'pt', 'x': x, **rest}:\n            return (x, sorted(rest.items()))\n        case {'kind': _, 'v': v}:\n            return v\n        case {}:\n            return 'map'\n        case _:\n            return 'no'\nprint(md({'kind': 'pt', 'x': 1, 'z': 2}), md({'kind': 3, 'v': 4}), md({'q': 1}), md([]))\n", MinMinor: 10),
        new("p53_match_module_level", "match", m => m
            .For("item", Tuple(3, Str("x"), Tuple(1, 2), None, 1), b => b.Match(N("item"), c => c
                .Case(Patterns.Class(N("int"), [Patterns.Capture("n")]), N("n").Gt(2), k => k.Print(Str("big"), N("n")))
                .Case(Patterns.Sequence(Patterns.Capture("p"), Patterns.Capture("q")), k => k.Print(Str("pair"), N("p") + N("q")))
                .Case(Patterns.None, k => k.Print(Str("none")))
                .Case(Patterns.Wildcard, N("item").Eq(Str("x")), k => k.Print(Str("x")))))
            .Print(N("n"), N("p")),
            "for item in (3, 'x', (1, 2), None, 1):\n    match item:\n        case int(n) if n > 2:\n            print('big', n)\n        case (p, q):\n            print('pair', p + q)\n        case None:\n            print('none')\n        case _ if item == 'x':\n            print('x')\nprint(n, p)\n", MinMinor: 10),
        new("p54_zero_arg_super", "classes", m => m
            .Class("Base", [N("object")], c => c
                .Def("__init__", ["self", "v"], f => f.Assign(N("self").Attr("v"), N("v")))
                .Def("describe", ["self"], f => f.Return(Str("base %s") % N("self").Attr("v")))
                .Def("kind", ["self"], f => f.Return(Str("base")), o => o.Decorators = [N("property")]))
            .Class("Child", [N("Base")], c => c
                .Def("__init__", ["self", "v", "w"], f => f.Do(Call("super").CallMethod("__init__", N("v"))).Assign(N("self").Attr("w"), N("w")))
                .Def("describe", ["self"], f => f.Return(Call("super").CallMethod("describe") + (Str(" child %s") % N("self").Attr("w"))))
                .Def("parent", ["self"], f => f.Return(Call("super").Attr("kind")))
                .Def("sup", ["self"], f => f.Return(Call("type", Call("super")).Attr("__name__")))
                .Def("explicit", ["self"], f => f.Return(Call("super", N("Child"), N("self")).CallMethod("describe")))
                .Def("who", ["self"], f => f.Return(N("__class__").Attr("__name__"))))
            .Assign("c", Call("Child", 1, 2))
            .Print(N("c").CallMethod("describe"), N("c").CallMethod("parent"), N("c").CallMethod("sup"), N("c").CallMethod("explicit"), N("c").CallMethod("who")),
            "class Base(object):\n    def __init__(self, v):\n        self.v = v\n    def describe(self):\n        return 'base %s' % self.v\n    @property\n    def kind(self):\n        return 'base'\nclass Child(Base):\n    def __init__(self, v, w):\n        super().__init__(v)\n        self.w = w\n    def describe(self):\n        return super().describe() + ' child %s' % self.w\n    def parent(self):\n        return super().kind\n    def sup(self):\n        return type(super()).__name__\n    def explicit(self):\n        return super(Child, self).describe()\n    def who(self):\n        return __class__.__name__\nc = Child(1, 2)\nprint(c.describe(), c.parent(), c.sup(), c.explicit(), c.who())\n", MinMinor: 6),
        new("p55_class_keywords", "classes", m => m
            .Class("Meta", [N("type")], c => c
                .Def("__new__", ["mcs", "name", "bases", "ns"], f => f
                    .Assign("cls", Call("super").CallMethod("__new__", N("mcs"), N("name"), N("bases"), N("ns")))
                    .Assign(N("cls").Attr("extra"), Call("sorted", N("kw").CallMethod("items"))).Return(N("cls")), o => o.VarKeywords = "kw")
                .Def("__init__", ["cls", "name", "bases", "ns"], f => f.Do(Call("super").CallMethod("__init__", N("name"), N("bases"), N("ns"))), o => o.VarKeywords = "kw"))
            .Class("A", [N("object")], [("metaclass", N("Meta")), ("flag", 1)], c => c.Pass())
            .Class("B", [N("A")], [("tag", Str("t"))], c => c.Assign("z", 3))
            .Print(Call("type", N("A")).Attr("__name__"), N("A").Attr("extra"), N("B").Attr("extra"), Call("type", N("B")).Is(N("Meta")), N("B").Attr("z")),
            "class Meta(type):\n    def __new__(mcs, name, bases, ns, **kw):\n        cls = super().__new__(mcs, name, bases, ns)\n        cls.extra = sorted(kw.items())\n        return cls\n    def __init__(cls, name, bases, ns, **kw):\n        super().__init__(name, bases, ns)\nclass A(object, metaclass=Meta, flag=1):\n    pass\nclass B(A, tag='t'):\n    z = 3\nprint(type(A).__name__, A.extra, B.extra, type(B) is Meta, B.z)\n", MinMinor: 6),
    ];
}
