# Oracle for CorpusStackDepthTests: for every code object of each .pyc named on the command line (depth first, a
# code object before the ones in its constants, as ByteFluent's SelfAndDescendants), the stack depth before every
# instruction by a walk with CPython's own dis.stack_effect, as stack_effect_walk.py does for one function. Prints
# "file<TAB>name<TAB>firstlineno<TAB>offset:depths ..." per code object, depths "-" when unreached, "a|b" when several.
import dis, marshal, sys

HERE = sys.argv[1]
sys.path.insert(0, HERE)
from stack_effect_walk import walk  # noqa: E402


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    return marshal.loads(data[16 if sys.version_info >= (3, 7) else 12:])


def objects(code):
    yield code
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            for d in objects(c):
                yield d


out = sys.stdout
for path in sys.argv[2:]:
    for code in objects(load(path)):
        parts = []
        for ins, ds in walk(code):
            if ins.opname in ("EXTENDED_ARG", "CACHE"):
                continue
            parts.append("%d:%s" % (ins.offset, "|".join(str(x) for x in sorted(ds)) if ds else "-"))
        out.write("%s\t%s\t%d\t%s\n" % (path, code.co_name, code.co_firstlineno, " ".join(parts)))
