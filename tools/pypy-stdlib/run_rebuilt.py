"""Loads pairs of modules, as PyPy compiled them and as ByteFluent rebuilt them, and runs them side by side.

    pypy3 run_rebuilt.py NAME ORIGINAL.pyc REBUILT.pyc [NAME ORIGINAL.pyc REBUILT.pyc ...]

Each module is executed from its .pyc under a fresh name. The outcome of the import (the sorted public names it
defines, or the type of the exception it raised) must be the same for both; for the modules in EXERCISES, calls into
the module must also return the same. Prints one line per module ("same NAME ..." or "DIFFERENT NAME ...") and exits
with 1 when any differs.
"""
import importlib.machinery
import importlib.util
import sys

EXERCISES = {
    "bisect": lambda m: [m.bisect_left([1, 3, 5, 7], 5), m.bisect_right([1, 3, 3, 7], 3), m.insort([1, 4], 2)],
    "heapq": lambda m: [m.nsmallest(3, [5, 1, 8, 3, 9]), m.nlargest(2, "hello"), list(m.merge([1, 4], [2, 3]))],
    "textwrap": lambda m: [m.wrap("the quick brown fox jumps over the lazy dog", 12), m.dedent("  a\n  b\n")],
    "colorsys": lambda m: [m.rgb_to_hsv(0.2, 0.4, 0.6), m.hls_to_rgb(0.5, 0.5, 0.5)],
    "fractions": lambda m: [str(m.Fraction(3, 12) + m.Fraction("1/3")), str(m.Fraction(0.125))],
    "difflib": lambda m: [list(m.unified_diff(["a\n", "b\n"], ["a\n", "c\n"])), m.SequenceMatcher(None, "abcd", "bcde").ratio()],
    "statistics": lambda m: [m.mean([1, 2, 3, 4]), m.median([3, 1, 2]), m.stdev([1.0, 2.0, 4.0])],
    "string": lambda m: [m.capwords("hello  world"), m.Template("$a-$b").substitute(a=1, b=2)],
    "base64": lambda m: [m.b64encode(b"bytefluent"), m.b32decode(m.b32encode(b"pypy")), m.a85encode(b"xyz")],
    "shlex": lambda m: [m.split("a 'b c' \"d e\""), m.quote("it's")],
    "fnmatch": lambda m: [m.fnmatch("x.py", "*.py"), m.translate("[a-c]?.txt")],
    "calendar": lambda m: [m.monthrange(2024, 2), m.isleap(1900), m.month(2026, 12)],
    "ipaddress": lambda m: [str(m.ip_network("10.0.0.0/30").broadcast_address), [str(a) for a in m.ip_network("192.168.0.0/30").hosts()]],
    "datetime": lambda m: [str(m.date(2026, 12, 2) + m.timedelta(days=40)), m.datetime(2020, 1, 1).isoformat()],
    "decimal": lambda m: [str(m.Decimal("1.1") + m.Decimal("2.2")), str(m.Decimal(2).sqrt())],
    "json": lambda m: [m.dumps({"a": [1, 2, None]}, sort_keys=True), m.loads("[1, 2.5, \"x\"]")],
}


def load(name, path):
    loader = importlib.machinery.SourcelessFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        loader.exec_module(module)
    except BaseException as e:  # noqa: B036 - an import may raise anything, SystemExit included
        return module, "raised " + type(e).__name__
    finally:
        sys.modules.pop(name, None)
    return module, "names " + " ".join(sorted(n for n in vars(module) if not n.startswith("__")))


def outcome(tag, name, path):
    module, imported = load("bytefluent_%s_%s" % (tag, name.replace(".", "_")), path)
    exercise = EXERCISES.get(name)
    if exercise is None or imported.startswith("raised"):
        return imported, None
    try:
        return imported, repr(exercise(module))
    except Exception as e:
        return imported, "raised " + type(e).__name__


def main(args):
    different = 0
    for i in range(0, len(args), 3):
        name, original, rebuilt = args[i:i + 3]
        want = outcome("original", name, original)
        got = outcome("rebuilt", name, rebuilt)
        ran = "ran" if want[1] is not None else "imported"
        if want == got:
            print("same %s %s (%s)" % (name, ran, want[0][:60]))
        else:
            different += 1
            print("DIFFERENT %s: original %r, rebuilt %r" % (name, want, got))
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
