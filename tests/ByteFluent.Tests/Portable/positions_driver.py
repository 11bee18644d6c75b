# Loads one .pyc built by the portable positions test and prints, one per line:
#   "pos OPNAME line endline col endcol" for each instruction of the module code (3.11+, CACHE left out),
#   "lines L1 L2 ..." the line starts (every version), then runs it and prints
#   "tb line endline col endcol" from the failing frame (None parts as "None") and the formatted traceback.
import dis
import marshal
import sys
import traceback

PY2 = sys.version_info[0] == 2
HEADER = 8 if PY2 else 12 if sys.version_info[:2] == (3, 6) else 16
f = open(sys.argv[1], "rb")
f.read(HEADER)
code = marshal.load(f)
f.close()
if hasattr(code, "co_positions"):
    raw = code.co_code
    for i, p in enumerate(code.co_positions()):
        name = dis.opname[raw[2 * i]]
        if name != "CACHE":
            print("pos %s %s %s %s %s" % ((name,) + tuple(p)))
lines = []
for _, line in dis.findlinestarts(code):
    if line is not None and (not lines or lines[-1] != line):
        lines.append(line)
print("lines " + " ".join(str(l) for l in lines))
try:
    exec(code, {"__name__": "__main__"})
    print("no error")
except ZeroDivisionError:
    tb = sys.exc_info()[2]
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = traceback.extract_tb(tb)[-1]
    print("tb %s %s %s %s" % (frame[1], getattr(frame, "end_lineno", None), getattr(frame, "colno", None), getattr(frame, "end_colno", None)))
    print("=== traceback")
    sys.stdout.write("".join(traceback.format_exception(*sys.exc_info())))
