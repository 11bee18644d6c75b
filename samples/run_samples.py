# Runs every .pyc and .py in a folder (sorted by name) in this interpreter, each under a "=== file" marker line.
# A .pyc's magic number must be this interpreter's; its code object runs as a fresh __main__ module. A .py is the
# sample's oracle: the same program as Python source, compiled by this interpreter.
import marshal
import os
import sys
import traceback

try:
    from importlib.util import MAGIC_NUMBER
except ImportError:  # 2.7
    import imp
    MAGIC_NUMBER = imp.get_magic()

HEADER = 8 if sys.version_info[0] == 2 else 12 if sys.version_info[:2] == (3, 6) else 16

folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".pyc") and not name.endswith(".py"):
        continue
    sys.stdout.write("=== %s\n" % name)
    with open(os.path.join(folder, name), "rb") as f:
        data = f.read()
    if name.endswith(".py"):
        code = compile(data, name, "exec")
    elif data[:4] != MAGIC_NUMBER:
        sys.stdout.write("!!! magic mismatch\n")
        continue
    else:
        code = marshal.loads(data[HEADER:])
    try:
        exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
    except BaseException:
        sys.stdout.write("!!! " + traceback.format_exc().strip().splitlines()[-1] + "\n")
    sys.stdout.flush()
