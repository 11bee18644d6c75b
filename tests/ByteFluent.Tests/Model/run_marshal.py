# Oracle helper: loads a marshalled module code object written by ByteFluent, checks it equals itself after a
# marshal round trip in this interpreter, executes it, then calls the expression given on the command line.
import marshal, sys
with open(sys.argv[1], "rb") as f:
    data = f.read()
code = marshal.loads(data)
assert marshal.loads(marshal.dumps(code)) == code
ns = {"__name__": "example"}
exec(code, ns)
for expr in sys.argv[2:]:
    eval(compile(expr, "<call>", "exec"), ns)
