"""Lists PyPy's standard library: its folder, then every .py under it (relative, one a line), as compile.py sees it."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile as stdlib_compile  # noqa: E402

library = os.path.dirname(os.__file__)
print(library)
for rel in stdlib_compile.sources(library):
    print(rel)
