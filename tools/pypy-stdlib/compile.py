"""Compiles PyPy's own standard library with the running PyPy into a folder of .pyc files (one FILE.pyc per FILE.py,
mirroring the library's layout), so that nothing is written beside the installed library.

    pypy3 compile.py LIBRARY OUTPUT [RELATIVE.py ...]

Without RELATIVE paths every .py under LIBRARY (but site-packages, dist-packages and __pycache__) is compiled.
Prints one line: the number of files compiled and the number the compiler refused.
"""
import os
import py_compile
import sys

SKIPPED = ("__pycache__", "site-packages", "dist-packages")


def sources(library):
    for root, dirs, files in os.walk(library):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.relpath(os.path.join(root, name), library)


def main(args):
    library, output = args[0], args[1]
    chosen = args[2:] or list(sources(library))
    done = refused = 0
    for rel in chosen:
        target = os.path.join(output, rel + "c")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            py_compile.compile(os.path.join(library, rel), cfile=target, dfile=rel, doraise=True)
            done += 1
        except py_compile.PyCompileError:
            refused += 1
    print(done, refused)


if __name__ == "__main__":
    main(sys.argv[1:])
