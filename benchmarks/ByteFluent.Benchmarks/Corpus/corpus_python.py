# The Python side of `ByteFluent.Benchmarks corpus`: times C marshal, dis and (when importable) the `bytecode`
# library over a list of .pyc files, timing only the inner loops (files are read into memory first).
# Runs under 2.7 and 3.x.
# Usage: corpus_python.py LISTFILE HEADER_SIZE REPEATS SLOW_REPEATS STAGE[,STAGE...]
#   stages: loads, dumps, dis, bytecode. REPEATS runs of loads/dumps after one warm-up run each;
#   SLOW_REPEATS runs of dis and bytecode (no warm-up: pure Python, tens of seconds per run).
# Prints one JSON object on its last line.
import json
import marshal
import sys
import time

try:
    from cStringIO import StringIO  # 2.7: dis prints byte strings
except ImportError:
    from io import StringIO

clock = getattr(time, "perf_counter", time.time)


def cpu():
    try:
        return time.process_time()
    except AttributeError:  # 2.7
        import resource
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime


def walk(code):
    stack = [code]
    while stack:
        c = stack.pop()
        yield c
        for k in reversed(c.co_consts):
            if hasattr(k, "co_code"):
                stack.append(k)


def timed(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    seconds, cpus = [], []
    result = None
    for _ in range(runs):
        c, t = cpu(), clock()
        result = fn()
        seconds.append(clock() - t)
        cpus.append(cpu() - c)
    return {"seconds": seconds, "cpuSeconds": cpus, "result": result}


def dis_stage(codes):
    import dis
    if hasattr(dis, "get_instructions"):
        def run():
            n = 0
            for c in codes:
                for x in walk(c):
                    for _ in dis.get_instructions(x):
                        n += 1
            return n
        return run, "dis.get_instructions"

    def run_old():  # 2.7: no get_instructions; the listing of every code object instead
        saved = sys.stdout
        n = 0
        try:
            for c in codes:
                for x in walk(c):
                    sys.stdout = out = StringIO()
                    dis.disassemble(x)
                    n += len(out.getvalue())
        finally:
            sys.stdout = saved
        return n
    return run_old, "dis.disassemble (2.7 has no get_instructions)"


def own_magic():
    try:
        import importlib.util
        return importlib.util.MAGIC_NUMBER
    except (ImportError, AttributeError):
        import imp
        return imp.get_magic()


def bytecode_missing(magic):
    """Why the bytecode stage cannot run here, or None. Checked before anything is unmarshalled."""
    if own_magic() != magic:
        return "%s (Python %s) cannot load these files (its magic number differs)" % (sys.executable, sys.version.split()[0])
    try:
        import bytecode  # noqa: F401
    except ImportError as e:
        return "the bytecode library is not importable by %s (Python %s): %s" % (sys.executable, sys.version.split()[0], e)
    return None


def bytecode_stage(codes):
    import bytecode

    def run():
        same = 0
        for c in codes:
            for x in walk(c):
                if bytecode.Bytecode.from_code(x).to_code().co_code == x.co_code:
                    same += 1
        return same
    return run, "bytecode %s: Bytecode.from_code(c).to_code()" % getattr(bytecode, "__version__", "?")


def main():
    list_file, header = sys.argv[1], int(sys.argv[2])
    repeats, slow_repeats = int(sys.argv[3]), int(sys.argv[4])
    stages = sys.argv[5].split(",")
    with open(list_file) as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    blobs = []
    magic = None
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        magic = magic or data[:4]
        blobs.append(data[header:])
    missing = {}
    if "bytecode" in stages:
        reason = bytecode_missing(magic)
        if reason is not None:
            missing["bytecode"] = {"missing": reason}
            stages = [s for s in stages if s != "bytecode"]
    if own_magic() != magic:
        # Another version's code objects: do not even unmarshal them.
        sys.stdout.write(json.dumps({"python": sys.version.split()[0], "executable": sys.executable, "stages": missing}) + "\n")
        return
    codes = [marshal.loads(b) for b in blobs]
    out = {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "files": len(blobs),
        "bytes": sum(len(b) + header for b in blobs),
        "codeObjects": sum(1 for c in codes for _ in walk(c)),
        "stages": missing,
    }

    def loads():
        for b in blobs:
            marshal.loads(b)
        return len(blobs)

    def dumps():
        same = 0
        for c, b in zip(codes, blobs):
            if marshal.dumps(c) == b:
                same += 1
        return same

    for stage in stages:
        if stage == "loads":
            out["stages"][stage] = dict(timed(loads, repeats, 1), what="marshal.loads")
        elif stage == "dumps":
            out["stages"][stage] = dict(timed(dumps, repeats, 1), what="marshal.dumps")
        elif stage == "dis":
            run, what = dis_stage(codes)
            out["stages"][stage] = dict(timed(run, slow_repeats, 0), what=what)
        elif stage == "bytecode":
            run, what = bytecode_stage(codes)
            out["stages"][stage] = dict(timed(run, slow_repeats, 0), what=what)
    try:
        import resource
        out["maxRssKb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except ImportError:
        pass
    sys.stdout.write(json.dumps(out) + "\n")


main()
