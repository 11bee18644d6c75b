# Oracle helper: compiles a source file in the running interpreter and writes marshal.dumps(code) next to it.
import marshal, sys
src_path, out_path = sys.argv[1], sys.argv[2]
with open(src_path) as f:
    src = f.read()
code = compile(src, "<byteplay-example>", "exec")
with open(out_path, "wb") as f:
    f.write(marshal.dumps(code))
