# Oracle helper: for each pair (original .pyc, rebuilt .pyc) given in a list file, loads both code objects
# in this interpreter and prints "same" or "DIFFERENT <path>" per pair; exits 1 when any pair differs.
import marshal, sys
header = 8 if sys.version_info[0] == 2 else (12 if sys.version_info[:2] == (3, 6) else 16)
bad = 0
with open(sys.argv[1]) as f:
    pairs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
for original, rebuilt in pairs:
    with open(original, "rb") as f:
        a = marshal.loads(f.read()[header:])
    with open(rebuilt, "rb") as f:
        b = marshal.loads(f.read()[header:])
    if a == b:
        print("same")
    else:
        bad += 1
        print("DIFFERENT " + original)
sys.exit(1 if bad else 0)
