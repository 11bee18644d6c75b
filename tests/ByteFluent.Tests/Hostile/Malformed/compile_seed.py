# Runs inside a real interpreter (2.7 or 3.6+): compiles the seed source to a .pyc and prints, as JSON, the
# file and the facts make_cases.py needs to damage it on purpose (where f's bytecode and tables sit, the offsets
# of its first LOAD_CONST and first jump). Written for both Python 2 and 3.
import dis, json, marshal, opcode, os, py_compile, sys, tempfile

SOURCE = '''
def f(a, b=2):
    for i in range(a):
        if i % 2:
            b += i
    try:
        return g(b)
    except ValueError:
        return None

class C(object):
    def m(self):
        return [x * 2 for x in self.items]
'''

d = tempfile.mkdtemp()
src = os.path.join(d, 'seed.py')
out = os.path.join(d, 'seed.pyc')
with open(src, 'w') as fh:
    fh.write(SOURCE)
py_compile.compile(src, cfile=out, dfile='seed.py', doraise=True)
with open(out, 'rb') as fh:
    data = fh.read()
header = 8 if sys.version_info[0] == 2 else (12 if sys.version_info < (3, 7) else 16)
module = marshal.loads(data[header:])
f = [k for k in module.co_consts if hasattr(k, 'co_code') and k.co_name == 'f'][0]

code = bytearray(f.co_code)
first_const = first_jump = None
i = 0
while i < len(code):
    op = code[i]
    size = 1 if (sys.version_info[0] == 2 and op < opcode.HAVE_ARGUMENT) else (3 if sys.version_info[0] == 2 else 2)
    name = opcode.opname[op]
    if first_const is None and name == 'LOAD_CONST':
        first_const = i
    if first_jump is None and (op in opcode.hasjrel or op in opcode.hasjabs):
        first_jump = i
    i += size

lines = getattr(f, 'co_linetable', None) if sys.version_info >= (3, 10) else f.co_lnotab
print(json.dumps({
    'version': '%d.%d' % sys.version_info[:2],
    'header': header,
    'pyc': data.hex() if hasattr(data, 'hex') else data.encode('hex'),
    'code': bytes(code).hex() if hasattr(bytes(code), 'hex') else str(code).encode('hex'),
    'lines': (lines.hex() if hasattr(lines, 'hex') else lines.encode('hex')),
    'exceptions': f.co_exceptiontable.hex() if hasattr(f, 'co_exceptiontable') else '',
    'first_const': first_const,
    'first_jump': first_jump,
    'unknown_opcode': [n for n in range(255, 0, -1) if opcode.opname[n].startswith('<')][0],
}))
