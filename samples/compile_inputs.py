# Compiles every .py in a folder to a .pyc beside it (same name), with this interpreter: the inputs of samples
# that edit compiled code.
import os
import py_compile
import sys

folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if name.endswith(".py"):
        source = os.path.join(folder, name)
        py_compile.compile(source, cfile=source + "c", doraise=True)
        sys.stdout.write("compiled %s\n" % name)
