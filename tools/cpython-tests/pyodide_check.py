# The 3.14/3.15 half of the harness, run INSIDE pyodide (tools/pyodide/run-python.mjs). Two modes:
#
#   compile STAGE PROGRAMS  compiles every .py of pyodide's python_stdlib.zip (site-packages excluded) to a
#                           sourceless STAGE/lib/<path>.pyc (a package's __init__ too) and every program of
#                           PROGRAMS to STAGE/programs/<name>.pyc; prints one JSON line.
#   check DIR STAGE         puts DIR/lib first on sys.path, drops the pure-Python stdlib modules pyodide had
#                           already imported (except the import machinery and pyodide's runtime) so they are
#                           imported again from DIR, imports every module of DIR/lib, verifies that each
#                           module came from DIR and that the code of its functions is the code of DIR's
#                           .pyc (and, counted, differs from STAGE's), runs every DIR/programs/*.pyc capturing
#                           its output, and prints one JSON line with all of it.
# The host (regrtest.py pyodide) rewrites STAGE into DIR with bytefluent and compares a transform's JSON with
# the one of STAGE itself.
import contextlib
import importlib
import io
import json
import marshal
import os
import runpy
import sys
import traceback
import types
import zipfile

HEADER = 16
# Kept as pyodide started them: the import system, what it needs while importing, and pyodide's runtime.
KEEP_PREFIXES = ("importlib", "zipimport", "encodings", "codecs", "io", "abc", "os", "posixpath", "genericpath",
                 "stat", "_collections_abc", "site", "_sitebuiltins", "pyodide", "_pyodide", "js", "pyodide_js",
                 "runpy", "__main__", "_frozen_importlib", "_frozen_importlib_external")
# Importing these has effects unrelated to their code (a browser, an interactive prompt, a GUI).
NOT_IMPORTED = {"antigravity", "this", "idlelib", "turtle", "turtledemo", "tkinter", "_pyrepl.__main__",
                "__main__", "pydoc_data.topics"}


def kept(name):
    return any(name == p or name.startswith(p + ".") for p in KEEP_PREFIXES)


def find_zip():
    for entry in sys.path:
        if entry.endswith(".zip") and os.path.isfile(entry):
            return entry
    raise SystemExit("no python_stdlib zip on sys.path: " + repr(sys.path))


def write_pyc(path, code, source_size):
    import importlib._bootstrap_external as bootstrap
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(bootstrap._code_to_timestamp_pyc(code, 0, source_size))


def compile_mode(stage, programs):
    written = 0
    skipped = []
    prefix = "/lib/python%d.%d/" % sys.version_info[:2]
    with zipfile.ZipFile(find_zip()) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith(".py") or name.startswith("site-packages/"):
                continue
            source = archive.read(name)
            try:
                code = compile(source, prefix + name, "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                skipped.append(name)
                continue
            write_pyc(os.path.join(stage, "lib", name + "c"), code, len(source))
            written += 1
    count = 0
    for name in sorted(os.listdir(programs)):
        if name.endswith(".py"):
            with open(os.path.join(programs, name), "rb") as f:
                source = f.read()
            code = compile(source, os.path.join(programs, name), "exec", dont_inherit=True)
            write_pyc(os.path.join(stage, "programs", name + "c"), code, len(source))
            count += 1
    print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "written": written, "programs": count,
                      "skipped": skipped}))


def module_names(libdir):
    names = []
    for root, dirs, files in os.walk(libdir):
        dirs.sort()
        rel = os.path.relpath(root, libdir)
        package = "" if rel == "." else rel.replace(os.sep, ".") + "."
        for f in sorted(files):
            if f.endswith(".pyc"):
                stem = f[:-4]
                names.append(package[:-1] if stem == "__init__" else package + stem)
    return [n for n in names if n]


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
    return a.co_code == b.co_code and a.co_consts == b.co_consts and a.co_names == b.co_names


def function_codes(module, source_suffix):
    found = []

    def walk(code):
        found.append(code)
        for c in code.co_consts:
            if isinstance(c, types.CodeType):
                walk(c)

    def take(obj):
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if isinstance(obj, property):
            for f in (obj.fget, obj.fset, obj.fdel):
                take(f)
            return
        # Defined by this module's execution (a C type shared by an earlier import may hold older functions).
        if isinstance(obj, types.FunctionType) and obj.__code__.co_filename.endswith(source_suffix) \
                and obj.__globals__ is vars(module):
            walk(obj.__code__)

    for value in list(vars(module).values()):
        if isinstance(value, type) and value.__module__ == module.__name__:
            for member in list(vars(value).values()):
                take(member)
        else:
            take(value)
    return found


def check_mode(directory, stage):
    libdir = os.path.join(directory, "lib")
    names = module_names(libdir)
    sys.path.insert(0, libdir)
    importlib.invalidate_caches()
    dropped = sorted(n for n in list(sys.modules) if n in set(names) and not kept(n))
    for n in dropped:
        del sys.modules[n]
    preloaded = sorted(n for n in sys.modules if n in set(names))
    for n in preloaded:  # submodules of a kept package are found through its __path__: look in DIR first
        path = getattr(sys.modules[n], "__path__", None)
        if isinstance(path, list):
            path.insert(0, os.path.join(libdir, *n.split(".")))
    imports = {}
    sink = io.StringIO()
    for name in names:
        if name in NOT_IMPORTED or name.split(".")[0] in NOT_IMPORTED or name.endswith(".__main__"):
            continue
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                importlib.import_module(name)
            imports[name] = "ok"
        except BaseException as e:  # the same failure must happen in the unmodified run
            imports[name] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
    problems = []
    stats = {"modules": 0, "frozen_or_builtin": 0, "functions": 0, "as_rewritten": 0, "differ_from_original": 0}
    for name in names:
        module = sys.modules.get(name)
        if module is None or name in preloaded:
            continue
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or ""
        if origin in ("frozen", "built-in"):
            stats["frozen_or_builtin"] += 1
            continue
        rel = os.path.relpath(origin, libdir) if origin.startswith(libdir + os.sep) else None
        if rel is None:
            problems.append("%s imported from %s, not from the rewritten tree" % (name, origin))
            continue
        stats["modules"] += 1
        rewritten = code_index(load_code(origin), {})
        original = code_index(load_code(os.path.join(stage, "lib", rel)), {})
        for code in function_codes(module, "/" + rel[:-1]):
            key = (code.co_name, code.co_firstlineno)
            stats["functions"] += 1
            if any(same(code, c) for c in rewritten.get(key, [])):
                stats["as_rewritten"] += 1
            else:
                problems.append("%s: %s line %d is not the code of %s" % (name, key[0], key[1], origin))
            if not any(same(code, c) for c in original.get(key, [])):
                stats["differ_from_original"] += 1
    outputs = {}
    program_dir = os.path.join(directory, "programs")
    for name in sorted(os.listdir(program_dir)):
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                runpy.run_path(os.path.join(program_dir, name), run_name="__main__")
        except BaseException:
            out.write("\nUNCAUGHT " + traceback.format_exc().splitlines()[-1])
        outputs[name] = out.getvalue()
    print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "imports": imports, "dropped": dropped,
                      "preloaded": preloaded, "verification": stats, "problems": problems[:50],
                      "programs": outputs}, sort_keys=True))


if __name__ == "__main__":
    if sys.argv[1] == "compile":
        compile_mode(sys.argv[2], sys.argv[3])
    else:
        check_mode(sys.argv[2], sys.argv[3])
