# Oracle for the line/location/exception table codec tests: compiles sources in the running interpreter and
# prints one JSON object per code object with the raw tables and what the interpreter itself decodes from them.
# Runs unchanged on CPython 2.7 and 3.6+ (native and pyodide).
import binascii, dis, json, os, sys, types

out_path = sys.argv[1]
limit = int(sys.argv[2])


def synthetic():
    # Edge cases: big line gaps both ways, long line ranges, wide columns, multi-line expressions.
    parts = ["def gaps(a):\n    x = a\n" + "\n" * 300 + "    y = x\n" + "\n" * 1000 + "    return y\n"]
    body = "".join("    v%d = a + %d\n" % (i, i) for i in range(200))
    parts.append("def longline(a):\n    z = [" + ", ".join("a+%d" % i for i in range(300)) + "]\n" + body + "    return z\n")
    parts.append("def wide(a):\n    return " + " " * 150 + "a.b.c(a, " + "1" * 40 + ")\n")
    parts.append("def multi(a):\n    return (a +\n        a *\n\n\n        a)\n")
    parts.append("def loop(a):\n    for i in a:\n        try:\n            a(i)\n        except ValueError:\n            continue\n        finally:\n            pass\n    while a:\n        a = a[1:]\n")
    if sys.version_info >= (3, 8):
        # Negative line deltas: a decorator line after the body lines in 3.8+.
        parts.append("x = [\n  1,\n" + "\n" * 200 + "  2]\ny = (lambda:\n" + "\n" * 140 + "  3)\n")
    return "\n".join(parts)


def sources():
    yield "<synthetic>", synthetic()
    if "pyodide" in sys.modules or sys.platform == "emscripten":
        import importlib.util
        names = sorted(m for m in sys.stdlib_module_names if not m.startswith("_"))
        for name in names:
            try:
                spec = importlib.util.find_spec(name)
                src = spec.loader.get_source(name) if spec and spec.loader else None
            except Exception:
                src = None
            if src:
                yield name, src
        return
    libdir = os.path.dirname(os.__file__)
    for fn in sorted(os.listdir(libdir)):
        if fn.endswith(".py"):
            with open(os.path.join(libdir, fn), "rb") as f:
                yield fn, f.read()


def walk(co):
    yield co
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            for x in walk(c):
                yield x


def hexs(b):
    return binascii.hexlify(b).decode("ascii")


count = 0
with open(out_path, "w") as out:
    for name, src in sources():
        if count >= limit:
            break
        try:
            top = compile(src, name, "exec")
        except Exception:
            continue
        count += 1
        for co in walk(top):
            rec = {"file": name, "name": co.co_name, "first": co.co_firstlineno, "n": len(co.co_code)}
            v = sys.version_info
            if v < (3, 10):
                rec["lt"] = hexs(co.co_lnotab)
                rec["starts"] = [list(x) for x in dis.findlinestarts(co)]
            else:
                rec["lt"] = hexs(co.co_linetable)
                rec["ranges"] = [list(x) for x in co.co_lines()]
            if v >= (3, 11):
                rec["ex"] = hexs(co.co_exceptiontable)
                rec["pos"] = [list(x) for x in co.co_positions()]
                rec["exc"] = [[e.start, e.end, e.target, e.depth, e.lasti] for e in dis._parse_exception_table(co)]
            out.write(json.dumps(rec) + "\n")
print(count)
