using ByteFluent.Portable;
using ByteFluent.Portable.Syntax;
using static ByteFluent.Portable.Py;

namespace ByteFluent.Tests.Portable;

/// <summary>
/// The portable suite's async with / async for programs (category "async"). Each drives its coroutines with a
/// hand-written send(None) loop (no asyncio, so pyodide runs them too) and prints how often they suspended.
/// </summary>
public static class PortableAsyncPrograms
{
    private const string TickSource = "class Tick(object):\n    def __await__(self):\n        yield 'tick'\n";

    private const string RunSource = "def run(co):\n    ticks = 0\n    try:\n        while True:\n            co.send(None)\n            ticks += 1\n    except StopIteration as e:\n        return (ticks, e.value)\n";

    private static Expr N(string n) => Name(n);

    /// <summary>An awaitable that suspends once.</summary>
    private static Block Tick(Block m) => m.Class("Tick", [N("object")], c => c.Def("__await__", ["self"], f => f.Do(Yield(Str("tick")))));

    /// <summary>The driver: sends None until StopIteration, returns (suspensions, result).</summary>
    private static Block Run(Block m) => m.Def("run", ["co"], f => f.Assign("ticks", 0)
        .Try(t => t.While(true, b => b.Do(N("co").CallMethod("send", None)).AugAssign("ticks", BinaryOperator.Add, 1)),
            h => h.Except("StopIteration", "e", e => e.Return(Tuple(N("ticks"), N("e").Attr("value"))))));

    public static IReadOnlyList<PortableProgram> All { get; } =
    [
        new("p47_async_with", "async", m => Run(Tick(m)
            .Class("Ctx", [N("object")], c => c
                .Def("__init__", ["self", "name", "swallow"], f => f.Assign(N("self").Attr("name"), N("name")).Assign(N("self").Attr("swallow"), N("swallow")))
                .AsyncDef("__aenter__", ["self"], f => f.Do(Await(Call("Tick"))).Print(Str("enter"), N("self").Attr("name")).Return(N("self").Attr("name").CallMethod("upper")))
                .AsyncDef("__aexit__", ["self", "t", "v", "tb"], f => f.Do(Await(Call("Tick"))).Print(Str("exit"), N("self").Attr("name"), N("t").IsNot(None)).Return(N("self").Attr("swallow")))))
            .AsyncDef("main", [], f => f
                .AsyncWith(Call("Ctx", Str("a"), false), "n", b => b.Print(Str("in"), N("n")))
                .AsyncWith(Call("Ctx", Str("b"), true), null, b => b.Raise(Call("KeyError", Str("b"))))
                .Try(t => t.AsyncWith(Call("Ctx", Str("c"), false), null, b => b.Raise(Call("ValueError", Str("c")))),
                    h => h.Except("ValueError", "e", e => e.Print(Str("escaped"), N("e"))))
                .AsyncWith(Call("Ctx", Str("d"), false), "d", b => b.AsyncWith(Call("Ctx", Str("e"), false), "e2", i => i.Print(Str("nested"), N("d"), N("e2"))))
                .Return(Await(Call("inner", Str("f")))))
            .AsyncDef("inner", ["s"], f => f.AsyncWith(Call("Ctx", N("s"), false), "f", b => b.Return(N("f") + Str("!"))))
            .Print(Call("run", Call("main"))),
            TickSource + "class Ctx(object):\n    def __init__(self, name, swallow):\n        self.name = name\n        self.swallow = swallow\n"
            + "    async def __aenter__(self):\n        await Tick()\n        print('enter', self.name)\n        return self.name.upper()\n"
            + "    async def __aexit__(self, t, v, tb):\n        await Tick()\n        print('exit', self.name, t is not None)\n        return self.swallow\n"
            + RunSource
            + "async def main():\n    async with Ctx('a', False) as n:\n        print('in', n)\n    async with Ctx('b', True):\n        raise KeyError('b')\n"
            + "    try:\n        async with Ctx('c', False):\n            raise ValueError('c')\n    except ValueError as e:\n        print('escaped', e)\n"
            + "    async with Ctx('d', False) as d:\n        async with Ctx('e', False) as e2:\n            print('nested', d, e2)\n    return await inner('f')\n"
            + "async def inner(s):\n    async with Ctx(s, False) as f:\n        return f + '!'\nprint(run(main()))\n",
            MinMinor: 6),
        new("p48_async_for", "async", m => Run(Tick(m)
            .AsyncDef("agen", ["n"], f => f.For("i", Call("range", N("n")), b => b.Do(Await(Call("Tick"))).Do(Yield(N("i"))))))
            .AsyncDef("main", [], f => f.Assign("out", List())
                .AsyncFor("x", Call("agen", 6), b => b
                    .If(N("x").Eq(1), t => t.Continue())
                    .If(N("x").Eq(4), t => t.Break())
                    .Do(N("out").CallMethod("append", N("x"))),
                    e => e.Do(N("out").CallMethod("append", Str("no"))))
                .AsyncFor("y", Call("agen", 2), b => b.Do(N("out").CallMethod("append", N("y") * 10)), e => e.Do(N("out").CallMethod("append", Str("else"))))
                .AsyncFor("z", Call("agen", 0), b => b.Do(N("out").CallMethod("append", N("z"))))
                .Return(N("out")))
            .AsyncDef("first", ["n"], f => f.AsyncFor("x", Call("agen", N("n")), b => b.If(N("x").Gt(1), t => t.Return(N("x") * 100))).Return(-1))
            .Print(Call("run", Call("main")))
            .Print(Call("run", Call("first", 5)), Call("run", Call("first", 1))),
            TickSource + "async def agen(n):\n    for i in range(n):\n        await Tick()\n        yield i\n" + RunSource
            + "async def main():\n    out = []\n    async for x in agen(6):\n        if x == 1:\n            continue\n        if x == 4:\n            break\n        out.append(x)\n    else:\n        out.append('no')\n"
            + "    async for y in agen(2):\n        out.append(y * 10)\n    else:\n        out.append('else')\n    async for z in agen(0):\n        out.append(z)\n    return out\n"
            + "async def first(n):\n    async for x in agen(n):\n        if x > 1:\n            return x * 100\n    return -1\nprint(run(main()))\nprint(run(first(5)), run(first(1)))\n",
            MinMinor: 6),
        new("p49_async_mixed", "async", m => Run(Tick(m)
            .Class("Ctx", [N("object")], c => c
                .Def("__init__", ["self", "name"], f => f.Assign(N("self").Attr("name"), N("name")))
                .AsyncDef("__aenter__", ["self"], f => f.Do(Await(Call("Tick"))).Return(N("self").Attr("name")))
                .AsyncDef("__aexit__", ["self", "t", "v", "tb"], f => f.Print(Str("exit"), N("self").Attr("name"), N("t").IsNot(None)).Return(false)))
            .Class("Pairs", [N("object")], c => c
                .Def("__init__", ["self", "n"], f => f.Assign(N("self").Attr("i"), 0).Assign(N("self").Attr("n"), N("n")))
                .Def("__aiter__", ["self"], f => f.Return(N("self")))
                .AsyncDef("__anext__", ["self"], f => f.Do(Await(Call("Tick")))
                    .If(N("self").Attr("i").Ge(N("self").Attr("n")), t => t.Raise(Call("StopAsyncIteration")))
                    .AugAssign(N("self").Attr("i"), BinaryOperator.Add, 1)
                    .Return(Tuple(N("self").Attr("i"), N("self").Attr("i") * N("self").Attr("i"))))))
            .AsyncDef("mixed", [], f => f
                .AsyncFor(Tuple(N("i"), N("sq")), Call("Pairs", 5), b => b.AsyncWith(Call("Ctx", N("i")), "c", w => w
                    .If(N("i").Eq(2), t => t.Continue())
                    .If(N("i").Eq(4), t => t.Break())
                    .Print(Str("body"), N("c"), N("sq"))))
                .AsyncWith(Call("Ctx", Str("w")), "w", w => w.AsyncFor(Tuple(N("i"), N("sq")), Call("Pairs", 3), b => b.If(N("i").Eq(2), t => t.Return(Tuple(N("w"), N("sq"))))))
                .Return(None))
            .Print(Call("run", Call("mixed"))),
            TickSource + "class Ctx(object):\n    def __init__(self, name):\n        self.name = name\n    async def __aenter__(self):\n        await Tick()\n        return self.name\n"
            + "    async def __aexit__(self, t, v, tb):\n        print('exit', self.name, t is not None)\n        return False\n"
            + "class Pairs(object):\n    def __init__(self, n):\n        self.i = 0\n        self.n = n\n    def __aiter__(self):\n        return self\n"
            + "    async def __anext__(self):\n        await Tick()\n        if self.i >= self.n:\n            raise StopAsyncIteration()\n        self.i += 1\n        return (self.i, self.i * self.i)\n"
            + RunSource
            + "async def mixed():\n    async for (i, sq) in Pairs(5):\n        async with Ctx(i) as c:\n            if i == 2:\n                continue\n            if i == 4:\n                break\n            print('body', c, sq)\n"
            + "    async with Ctx('w') as w:\n        async for (i, sq) in Pairs(3):\n            if i == 2:\n                return (w, sq)\n    return None\nprint(run(mixed()))\n",
            MinMinor: 6),
    ];
}
