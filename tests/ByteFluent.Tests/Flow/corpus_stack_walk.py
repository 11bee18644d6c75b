# Oracle for CorpusStackDepthTests: for every code object of each .pyc named on the command line (depth first, a
# code object before the ones in its constants, as ByteFluent's SelfAndDescendants), the stack depth before every
# instruction by a walk with CPython's own dis.stack_effect, as stack_effect_walk.py does for one function. Prints
# "file<TAB>name<TAB>firstlineno<TAB>offset:depths ..." per code object, depths "-" when unreached, "a|b" when several;
# before 3.9 "raw/aware/seeded": the plain walk's depths, then status_walk's two sets (see stack_effect_walk.py).
import dis, marshal, sys

HERE = sys.argv[1]
sys.path.insert(0, HERE)
from stack_effect_walk import status_walk, walk  # noqa: E402


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


def text(ds):
    return "|".join(str(x) for x in sorted(ds)) if ds else "-"


out = sys.stdout
for path in sys.argv[2:]:
    for code in objects(load(path)):
        parts = []
        aware = status_walk(code) if sys.version_info < (3, 9) else None
        for k, (ins, ds) in enumerate(walk(code)):
            if ins.opname in ("EXTENDED_ARG", "CACHE"):
                continue
            part = "%d:%s" % (ins.offset, text(ds))
            if aware is not None:
                part += "/" + text(aware[k][1]) + "/" + text(aware[k][2])
            parts.append(part)
        out.write("%s\t%s\t%d\t%s\n" % (path, code.co_name, code.co_firstlineno, " ".join(parts)))
