# Times CPython's own marshal and dis over a list of .pyc files, for benchmarks/ByteFluent.Benchmarks `corpus`.
# Runs under 2.7 and 3.x. Usage: corpus_baseline.py LISTFILE HEADER_SIZE REPEATS
# Prints one JSON object: the best (minimum) seconds per stage over REPEATS runs.
import dis
import json
import marshal
import sys
import time

try:
    from io import StringIO
except ImportError:  # 2.7
    from StringIO import StringIO


def walk(code):
    yield code
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            for x in walk(c):
                yield x


def listing(code):
    if hasattr(dis, "Bytecode"):
        return dis.Bytecode(code).dis()
    saved = sys.stdout
    sys.stdout = out = StringIO()
    try:
        dis.disassemble(code)
    finally:
        sys.stdout = saved
    return out.getvalue()


def main():
    list_file, header, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(list_file) as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    blobs = []
    for p in paths:
        with open(p, "rb") as f:
            blobs.append(f.read()[header:])
    codes = [marshal.loads(b) for b in blobs]
    best = {"read": 1e9, "write": 1e9, "dis": 1e9}
    for _ in range(repeats):
        t = time.time()
        for b in blobs:
            marshal.loads(b)
        best["read"] = min(best["read"], time.time() - t)
        t = time.time()
        for c in codes:
            marshal.dumps(c)
        best["write"] = min(best["write"], time.time() - t)
        t = time.time()
        n = 0
        for c in codes:
            for x in walk(c):
                n += len(listing(x))
        best["dis"] = min(best["dis"], time.time() - t)
    best["files"] = len(blobs)
    print(json.dumps(best))


main()
