# Runs every program of the portable suite in this interpreter: NAME.pyc (built by ByteFluent's portable layer) and
# NAME.py (the same program as source, compiled here; 2.7 with print_function). Prints each one's output under
# "=== NAME.pyc" / "=== NAME.py", then the opcode names of both (every code object, depth first, NOP / CACHE /
# EXTENDED_ARG left out) under "=== NAME.ops.pyc" / "=== NAME.ops.py".
import marshal
import os
import sys
import traceback
import types

PY2 = sys.version_info[0] == 2
HEADER = 8 if PY2 else 12 if sys.version_info[:2] == (3, 6) else 16
SKIP = ("NOP", "CACHE", "EXTENDED_ARG")
FLAGS = 0
if PY2:
    import __future__
    FLAGS = __future__.print_function.compiler_flag


def opnames(code):
    if PY2:
        import opcode
        raw = code.co_code
        i = 0
        while i < len(raw):
            op = ord(raw[i])
            yield opcode.opname[op]
            i += 3 if op >= opcode.HAVE_ARGUMENT else 1
    else:
        import dis
        for ins in dis.get_instructions(code):
            yield ins.opname


def walk(code):
    names = [n for n in opnames(code) if n not in SKIP]
    yield code.co_name + ": " + " ".join(names)
    for k in code.co_consts:
        if isinstance(k, types.CodeType):
            for line in walk(k):
                yield line


def run(code):
    try:
        exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
    except BaseException:
        sys.stdout.write("!!! " + traceback.format_exc().strip().splitlines()[-1] + "\n")
    sys.stdout.flush()


folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".pyc"):
        continue
    base = name[:-4]
    with open(os.path.join(folder, name), "rb") as f:
        built = marshal.loads(f.read()[HEADER:])
    with open(os.path.join(folder, base + ".py")) as f:
        source = compile(f.read(), base + ".py", "exec", FLAGS, True)
    sys.stdout.write("=== %s.pyc\n" % base)
    run(built)
    sys.stdout.write("=== %s.py\n" % base)
    run(source)
    sys.stdout.write("=== %s.ops.pyc\n" % base)
    sys.stdout.write("\n".join(walk(built)) + "\n")
    sys.stdout.write("=== %s.ops.py\n" % base)
    sys.stdout.write("\n".join(walk(source)) + "\n")
    sys.stdout.flush()
