# The whole-process C baseline of `ByteFluent.Benchmarks corpus`: reads every .pyc of LISTFILE from disk,
# marshal.loads its body and marshal.dumps the value, like `bytefluent roundtrip --level file` does.
# Usage: marshal_process.py LISTFILE HEADER_SIZE
import marshal
import sys


def main():
    header = int(sys.argv[2])
    with open(sys.argv[1]) as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        n += len(marshal.dumps(marshal.loads(data[header:])))
    sys.stdout.write("%d files, %d bytes written\n" % (len(paths), n))


main()
