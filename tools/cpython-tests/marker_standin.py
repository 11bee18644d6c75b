# Stand-in transform "py-marker", run by the TARGET interpreter (2.7 and 3.6+ syntax): appends the constant
# MARKER to co_consts of every code object of every .pyc under SRC and writes the result under OUT (same
# relative paths, header bytes kept). It uses the interpreter's own marshal, so it is independent of
# ByteFluent: the harness uses it to prove that the private prefix really imports the files written into it.
#
#   python marker_standin.py SRC_DIR OUT_DIR
import marshal
import os
import sys
import types

MARKER = "__bytefluent_cpython_tests_marker__"


def header_size():
    if sys.version_info < (3,):
        return 8
    if sys.version_info < (3, 7):
        return 12
    return 16


def mark(code):
    consts = tuple(mark(c) if isinstance(c, types.CodeType) else c for c in code.co_consts) + (MARKER,)
    if hasattr(code, "replace"):
        return code.replace(co_consts=consts)
    if sys.version_info < (3,):
        return types.CodeType(code.co_argcount, code.co_nlocals, code.co_stacksize, code.co_flags,
                              code.co_code, consts, code.co_names, code.co_varnames, code.co_filename,
                              code.co_name, code.co_firstlineno, code.co_lnotab, code.co_freevars,
                              code.co_cellvars)
    return types.CodeType(code.co_argcount, code.co_kwonlyargcount, code.co_nlocals, code.co_stacksize,
                          code.co_flags, code.co_code, consts, code.co_names, code.co_varnames,
                          code.co_filename, code.co_name, code.co_firstlineno, code.co_lnotab,
                          code.co_freevars, code.co_cellvars)


def main():
    src, out = sys.argv[1], sys.argv[2]
    size = header_size()
    count = 0
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if not (name.endswith(".pyc") or name.endswith(".pyo")):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                data = f.read()
            code = marshal.loads(data[size:])
            target = os.path.join(out, os.path.relpath(path, src))
            if not os.path.isdir(os.path.dirname(target)):
                os.makedirs(os.path.dirname(target))
            with open(target, "wb") as f:
                f.write(data[:size] + marshal.dumps(mark(code)))
            count += 1
    sys.stdout.write("py-marker: %d files\n" % count)


if __name__ == "__main__":
    main()
