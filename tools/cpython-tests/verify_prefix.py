# Verification step, run by the PRIVATE interpreter (2.7 and 3.6+ syntax) before the regression tests.
# It proves three things and prints them as one JSON object on the last line of its output:
#   1. isolation: sys.prefix, sys.exec_prefix, os.__file__ and every sys.path entry are inside the prefix;
#   2. acceptance: every rewritten .pyc has a header the importer accepts for its source (magic, and the
#      source mtime+size or source hash), so nothing is compiled from source instead;
#   3. execution: after importing stdlib and test modules, the code objects of their functions, as the
#      running interpreter holds them, are equal to the ones in the rewritten .pyc and (for transforms that
#      change code) different from the original .pyc: the rewritten bytecode is what runs.
#
#   python verify_prefix.py PREFIX STAGE_DIR CHANGES(0|1) MODULE...
import json
import marshal
import os
import sys
import types

PY2 = sys.version_info < (3,)
HEADER = 8 if PY2 else (12 if sys.version_info < (3, 7) else 16)


def inside(path, root):
    path = os.path.realpath(path)
    root = os.path.realpath(root)
    return path == root or path.startswith(root + os.sep)


def magic():
    if PY2:
        import imp
        return imp.get_magic()
    import importlib.util
    return importlib.util.MAGIC_NUMBER


def source_of(pyc_rel):
    """The source path (relative) the importer validates a .pyc against."""
    d, name = os.path.split(pyc_rel)
    if os.path.basename(d) == "__pycache__":
        return os.path.join(os.path.dirname(d), name.split(".")[0] + ".py")
    return pyc_rel[:-1]


def le32(b):
    return b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)


def header_problem(pyc, src):
    with open(pyc, "rb") as f:
        head = f.read(HEADER)
    if PY2:
        head = bytearray(head)
    if len(head) < HEADER:
        return "short file"
    if bytes(head[:4]) != magic():
        return "bad magic"
    st = os.stat(src)
    if PY2:
        if le32(head[4:8]) != int(st.st_mtime) & 0xFFFFFFFF:
            return "mtime differs from source"
        return None
    if sys.version_info < (3, 7):
        mtime, size = head[4:8], head[8:12]
    else:
        flags = le32(head[4:8])
        if flags & 1:
            if flags & 2:
                import importlib.util
                with open(src, "rb") as f:
                    if importlib.util.source_hash(f.read()) != bytes(head[8:16]):
                        return "source hash differs"
            return None
        mtime, size = head[8:12], head[12:16]
    if le32(mtime) != int(st.st_mtime) & 0xFFFFFFFF:
        return "mtime differs from source"
    if le32(size) != st.st_size & 0xFFFFFFFF:
        return "size differs from source"
    return None


def load_code(path):
    with open(path, "rb") as f:
        return marshal.loads(f.read()[HEADER:])


def code_index(code, into):
    into.setdefault((code.co_name, code.co_firstlineno), []).append(code)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            code_index(c, into)
    return into


def same(a, b):
    """Equal instructions and tables; co_flags may differ (types.coroutine sets a flag on a loaded function)."""
    return a.co_code == b.co_code and a.co_consts == b.co_consts and a.co_names == b.co_names


def runtime_codes(module, source_suffix):
    """Code objects of the functions the module defined (module level, classes, nested code)."""
    found = []

    def take(obj):
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if isinstance(obj, property):
            for f in (obj.fget, obj.fset, obj.fdel):
                take(f)
            return
        code = getattr(obj, "__code__", None)
        # Defined by this module's execution (a C type shared by an earlier import may hold older functions).
        if isinstance(obj, types.FunctionType) and code.co_filename.endswith(source_suffix) \
                and obj.__globals__ is vars(module):
            walk(code)

    def walk(code):
        found.append(code)
        for c in code.co_consts:
            if isinstance(c, types.CodeType):
                walk(c)

    seen = set()
    for value in list(vars(module).values()):
        if isinstance(value, type) and getattr(value, "__module__", None) == module.__name__:
            if id(value) in seen:
                continue
            seen.add(id(value))
            for member in list(vars(value).values()):
                take(member)
        else:
            take(value)
    return found


def main():
    prefix, stage, changes = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    modules = sys.argv[4:]
    libdir = os.path.dirname(os.__file__)
    report = {"version": "%d.%d" % sys.version_info[:2], "prefix": sys.prefix, "exec_prefix": sys.exec_prefix,
              "os_file": os.__file__, "problems": [], "findings": []}
    problems = report["problems"]

    # 1. isolation
    if not inside(sys.prefix, prefix) or not inside(sys.exec_prefix, prefix):
        problems.append("sys.prefix/exec_prefix outside the private prefix: %s %s" % (sys.prefix, sys.exec_prefix))
    if not inside(os.__file__, prefix):
        problems.append("os imported from outside the prefix: " + os.__file__)
    script_dir = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        if entry and not inside(entry, prefix) and not inside(entry, script_dir) and not inside(entry, os.getcwd()):
            problems.append("sys.path entry outside the prefix: " + entry)
    report["sys_path"] = sys.path

    # 2. acceptance of every rewritten .pyc
    checked = 0
    for root, dirs, files in os.walk(stage):
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), stage)
            src = os.path.join(libdir, source_of(rel))
            pyc = os.path.join(libdir, rel)
            if not os.path.exists(src):
                continue
            if not os.path.exists(pyc):
                problems.append("missing rewritten file: " + rel)
                continue
            checked += 1
            why = header_problem(pyc, src)
            if why:
                problems.append("importer would reject %s: %s" % (rel, why))
    report["headers_checked"] = checked

    # 3. the running code is the rewritten code
    import_errors = []
    for name in modules:
        try:
            __import__(name)
        except Exception as e:  # a module that cannot be imported on this platform is not a finding
            import_errors.append("%s: %s: %s" % (name, type(e).__name__, e))
    report["import_errors"] = import_errors
    stats = {"modules": 0, "functions": 0, "as_rewritten": 0, "differ_from_original": 0}
    for name, module in sorted(list(sys.modules.items()), key=lambda kv: kv[0]):
        path = getattr(module, "__file__", None)
        if not path or not inside(path, libdir) or "site-packages" in path or "lib-dynload" in path:
            continue
        if PY2:
            if not path.endswith(".pyc"):
                problems.append("%s was loaded from source: %s" % (name, path))
                continue
            pyc = path
        else:
            pyc = getattr(module, "__cached__", None)
            if not pyc:
                continue
        rel = os.path.relpath(pyc, libdir)
        original = os.path.join(stage, rel)
        if not os.path.exists(pyc) or not os.path.exists(original):
            continue
        src_rel = source_of(rel)
        rewritten_index = code_index(load_code(pyc), {})
        original_index = code_index(load_code(original), {})
        stats["modules"] += 1
        for code in runtime_codes(module, os.sep + src_rel):
            key = (code.co_name, code.co_firstlineno)
            stats["functions"] += 1
            if any(same(code, c) for c in rewritten_index.get(key, [])):
                stats["as_rewritten"] += 1
            else:
                problems.append("%s: %s line %d does not equal the rewritten code" % (name, key[0], key[1]))
            if not any(same(code, c) for c in original_index.get(key, [])):
                stats["differ_from_original"] += 1
                if not changes and len(report["findings"]) < 20:
                    report["findings"].append("%s: %s line %d differs from the original" % (name, key[0], key[1]))
    report["execution"] = stats
    if stats["modules"] < len(modules) // 2 or stats["functions"] == 0:
        problems.append("too few modules/functions checked: %r" % stats)
    # Not every function has something a transform changes (split-blocks: only those with fall-through block
    # boundaries, ~40%); files that were not rewritten would give 0%.
    if changes and stats["differ_from_original"] * 10 < stats["functions"]:
        problems.append("the transform changes code but over 90%% of running functions equal the original: %r" % stats)
    if not changes and stats["differ_from_original"]:  # a fidelity finding, not an isolation failure
        report["findings"].insert(0, "unchanged transform but %d functions differ from the original"
                                  % stats["differ_from_original"])
    del problems[50:]
    sys.stdout.write("\n" + json.dumps(report, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
