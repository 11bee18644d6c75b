# Test driver for the transform tests (2.7 and 3.x syntax; also run inside pyodide).
#   compile OUTDIR SRC...   compiles each SRC to OUTDIR/<stem>.pyc with this interpreter
#   run PYC...              runs each compiled module, printing "=== <path>" and then its output
import os
import sys


def compile_all(out, sources):
    import py_compile
    for src in sources:
        stem = os.path.splitext(os.path.basename(src))[0]
        py_compile.compile(src, cfile=os.path.join(out, stem + ".pyc"), doraise=True)


def run_all(paths):
    import runpy
    import traceback
    try:
        from io import StringIO
        if sys.version_info[0] == 2:
            from StringIO import StringIO
    except ImportError:
        from StringIO import StringIO
    real = sys.stdout
    for path in paths:
        buf = StringIO()
        sys.stdout = buf
        try:
            runpy.run_path(path, run_name="__main__")
        except BaseException:
            buf.write("UNCAUGHT " + traceback.format_exc().strip().splitlines()[-1] + "\n")
        finally:
            sys.stdout = real
        real.write("=== %s\n%s" % (path, buf.getvalue()))
    real.flush()


if __name__ == "__main__":
    if sys.argv[1] == "compile":
        compile_all(sys.argv[2], sys.argv[3:])
    else:
        run_all(sys.argv[2:])
