"""Compiles pyodide's standard library into .pyc files: the 3.14/3.15 test corpus of ByteFluent.

Run inside pyodide (node run-python.mjs 3.14 --mount=OUT compile-stdlib.py OUT [ZIP]). Every .py in the
interpreter's python_stdlib.zip (found on sys.path unless ZIP is given; site-packages excluded) is compiled
by this interpreter at optimization levels 0, 1 and 2 and written as OUT/<package path>/__pycache__/
<module>.<cache tag>[.opt-N].pyc, exactly as py_compile would (timestamp header, mtime 0). Sources this
version cannot compile (test data with deliberate syntax errors) are skipped and counted. Prints one JSON
line: {"version", "zip", "sources", "written", "skipped": [names]}.
"""
import importlib._bootstrap_external as bootstrap
import json
import os
import sys
import zipfile


def find_zip():
    for entry in sys.path:
        if entry.endswith(".zip") and os.path.isfile(entry):
            return entry
    raise SystemExit("no python_stdlib zip on sys.path: " + repr(sys.path))


def main():
    out = sys.argv[1]
    zip_path = sys.argv[2] if len(sys.argv) > 2 else find_zip()
    tag = sys.implementation.cache_tag
    prefix = "/lib/python%d.%d/" % sys.version_info[:2]
    sources = written = 0
    skipped = []
    with zipfile.ZipFile(zip_path) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith(".py") or name.startswith("site-packages/"):
                continue
            sources += 1
            source = archive.read(name)
            folder, base = os.path.split(name)
            target_dir = os.path.join(out, folder, "__pycache__")
            for level in (0, 1, 2):
                try:
                    code = compile(source, prefix + name, "exec", dont_inherit=True, optimize=level)
                except (SyntaxError, ValueError, UnicodeDecodeError):
                    skipped.append(name)
                    break
                suffix = "" if level == 0 else ".opt-%d" % level
                os.makedirs(target_dir, exist_ok=True)
                target = os.path.join(target_dir, "%s.%s%s.pyc" % (base[:-3], tag, suffix))
                data = bootstrap._code_to_timestamp_pyc(code, 0, len(source))
                with open(target, "wb") as f:
                    f.write(data)
                written += 1
    print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "zip": zip_path, "sources": sources,
                      "written": written, "skipped": skipped}))


main()
