# Oracle for ByteFluent's marshal tests; runs on CPython 2.7 and 3.6-3.15.
#   marshal_oracle.py load DIR  -> for each DIR/*.bin (sorted): "name<TAB>canonical dump of marshal.loads(data)"
#   marshal_oracle.py dump      -> for each value built here: "hex of marshal.dumps(value)<TAB>canonical dump"
# The canonical dump is an exact, type-tagged text form that ByteFluent computes the same way.
import binascii
import marshal
import os
import struct
import sys

PY2 = sys.version_info[0] == 2
sys.setrecursionlimit(20000)
V = sys.version_info[:2]
CodeType = type(compile("1", "f", "eval"))


def hx(b):
    return binascii.hexlify(b).decode("ascii")


def fl(x):
    return hx(struct.pack("<d", x))


def canon(v):
    t = type(v)
    if v is None:
        return "None"
    if v is Ellipsis:
        return "Ellipsis"
    if v is StopIteration:
        return "StopIteration"
    if t is bool:
        return "True" if v else "False"
    if t is int or (PY2 and t is long):  # noqa: F821
        return "int:%d" % v
    if t is float:
        return "float:" + fl(v)
    if t is complex:
        return "complex:" + fl(v.real) + ":" + fl(v.imag)
    if PY2 and t is str:
        return "bytes2:" + hx(v)
    if not PY2 and t is bytes:
        return "bytes:" + hx(v)
    if (PY2 and t is unicode) or (not PY2 and t is str):  # noqa: F821
        return "str:" + ".".join("%x" % ord(c) for c in v)
    if t is tuple:
        return "(" + ",".join([canon(x) for x in v]) + ")"
    if t is list:
        return "[" + ",".join([canon(x) for x in v]) + "]"
    if t is dict:
        return "{" + ",".join(sorted([canon(k) + ":" + canon(x) for k, x in v.items()])) + "}"
    if t is set:
        return "set{" + ",".join(sorted([canon(x) for x in v])) + "}"
    if t is frozenset:
        return "frozenset{" + ",".join(sorted([canon(x) for x in v])) + "}"
    if t is slice:
        return "slice(" + canon(v.start) + "," + canon(v.stop) + "," + canon(v.step) + ")"
    if t.__name__ == "frozendict":
        return "frozendict{" + ",".join(sorted([canon(k) + ":" + canon(x) for k, x in v.items()])) + "}"
    if t is CodeType:
        return canon_code(v)
    raise TypeError("no canonical form for %r" % (t,))


def canon_code(c):
    f = ["argcount=%d" % c.co_argcount]
    if V >= (3, 8):
        f.append("posonly=%d" % c.co_posonlyargcount)
    if V >= (3, 0):
        f.append("kwonly=%d" % c.co_kwonlyargcount)
    f.append("nlocals=%d" % c.co_nlocals)
    f.append("stacksize=%d" % c.co_stacksize)
    f.append("flags=%d" % c.co_flags)
    f.append("code=" + hx(c.co_code))
    f.append("consts=" + canon(c.co_consts))
    f.append("names=" + canon(c.co_names))
    f.append("varnames=" + canon(c.co_varnames))
    f.append("freevars=" + canon(c.co_freevars))
    f.append("cellvars=" + canon(c.co_cellvars))
    f.append("filename=" + canon(c.co_filename))
    f.append("name=" + canon(c.co_name))
    if V >= (3, 11):
        f.append("qualname=" + canon(c.co_qualname))
    f.append("firstlineno=%d" % c.co_firstlineno)
    f.append("linetable=" + hx(c.co_linetable if V >= (3, 10) else c.co_lnotab))
    if V >= (3, 11):
        f.append("exceptiontable=" + hx(c.co_exceptiontable))
    return "code{" + ";".join(f) + "}"


def values():
    big = 2 ** 200
    vals = [None, True, False, Ellipsis, StopIteration, 0, 1, -1, 255, 256, -5, -6, 2 ** 31 - 1, -(2 ** 31),
            2 ** 31, -(2 ** 31) - 1, 2 ** 63 - 1, -(2 ** 63), 2 ** 63, 2 ** 64, big, -big, 3 ** 300, 2 ** 15, 2 ** 30,
            0.0, -0.0, 1.5, float("nan"), float("inf"), float("-inf"), 1e300, 5e-324, 0.1,
            complex(1, 2), complex(-0.0, float("inf")),
            u"", u"a", u"abc", u"hello world", u"x" * 300, u"caf\xe9", u"\u20ac\U0001f600", u"\ud800",
            b"", b"\x00\xff", (), (1,), tuple(range(300)), [1, [2, [3]]], {u"a": 1, 2: [3]}, set([1, 2, 3]),
            frozenset([u"x", u"y"]), set(), frozenset(), (frozenset([1]), frozenset([1])),
            compile("def f(a, b=1, *c, **d):\n    x = [a, b]\n    def g():\n        return x\n    return g\n", "mod.py", "exec"),
            compile("class C:\n    def m(self):\n        try:\n            return 1\n        except E:\n            pass\n", "c.py", "exec")]
    if not PY2:
        # Python 2's UTF-8 codec joins a surrogate pair, so only Python 3 keeps two code points.
        vals.append(u"\ud800\udc00")
    if PY2:
        vals += [intern("interned_name"), "plain byte str \xff"]  # noqa: F821
    shared = (1, 2, u"shared")
    vals.append([shared, shared, shared])
    if V >= (3, 14):
        vals += [slice(1, None, 3), slice(u"a", (1, 2), None)]
    if V >= (3, 15):
        vals.append(frozendict({1: 2, u"k": (3,)}))  # noqa: F821
    return vals


def main():
    if sys.argv[1] == "load":
        folder = sys.argv[2]
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".bin"):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            try:
                out = canon(marshal.loads(data))
            except Exception as e:
                out = "ERROR %s: %s" % (type(e).__name__, e)
            sys.stdout.write(name + "\t" + out + "\n")
    else:
        for v in values():
            sys.stdout.write(hx(marshal.dumps(v)) + "\t" + canon(v) + "\n")


main()
