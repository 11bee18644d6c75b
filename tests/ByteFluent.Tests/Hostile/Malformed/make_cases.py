#!/usr/bin/env python3
"""Writes the malformed-file corpus (cases/) from seeds compiled by the real interpreters.

    python3 tests/ByteFluent.Tests/Malformed/make_cases.py

Each pyenv interpreter (2.7, 3.6-3.13) compiles the same tiny source (compile_seed.py); each class of damage
below is applied to that .pyc, giving one small file per (version, damage). MalformedCorpusTests runs `bytefluent
dis` (or `asm`) on every file and compares exit code, stderr and stdout with expected/NAME.txt; set
BYTEFLUENT_MALFORMED_REGENERATE=1 to rewrite those after a deliberate change (and review the diff).
"""
import glob, json, os, struct, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, 'cases')
PYENV = subprocess.check_output(['pyenv', 'root']).decode().strip()


def seeds():
    for exe in sorted(glob.glob(os.path.join(PYENV, 'versions', '*', 'bin', 'python'))):
        yield json.loads(subprocess.check_output([exe, os.path.join(HERE, 'compile_seed.py')]).decode())


def damages(s):
    """(name, bytes) for every class of damage, applied to the seed s."""
    pyc = bytearray.fromhex(s['pyc'])
    h = s['header']
    pyc[4:8] = b'\0\0\0\0'          # timestamp: deterministic output
    if h == 16:
        pyc[8:12] = b'\0\0\0\0'
    code = bytes.fromhex(s['code'])
    at = pyc.find(code)
    assert at > 0 and pyc.count(code) == 1, 'f.co_code must occur once'
    wide = s['version'] == '2.7'
    unit = 1 if wide else 2

    def edit(offset, new):
        d = bytearray(pyc)
        d[offset:offset + len(new)] = new
        return bytes(d)

    yield 'truncated-header', bytes(pyc[:h - 2])
    yield 'header-only', bytes(pyc[:h])
    for pct in (10, 33, 50, 66, 90, 99):
        yield 'truncated-%d' % pct, bytes(pyc[:h + (len(pyc) - h) * pct // 100])
    yield 'bad-magic', edit(0, b'\x42\x42')
    yield 'unknown-type-code', edit(h, b'\x3f')
    yield 'code-length-2gib', edit(at - 4, struct.pack('<i', 0x7fffffff))
    yield 'code-length-negative', edit(at - 4, struct.pack('<i', -1))
    yield 'code-length-zero', edit(at - 4, struct.pack('<i', 0))
    yield 'trailing-garbage', bytes(pyc) + b'\xde\xad\xbe\xef'
    yield 'nested-3000-tuples', bytes(pyc[:h]) + b'\x29\x01' * 3000 + b'N'
    # Bytecode damage that CPython's dis lists anyway: `dis` lists it too, with warnings.
    yield 'unknown-opcode', edit(at, bytes([s['unknown_opcode']]))
    if s['first_const'] is not None:
        c = at + s['first_const']
        yield 'const-index-out-of-range', edit(c + 1, b'\xfe' if not wide else b'\xfe\x00')
    if s['first_jump'] is not None:
        j = at + s['first_jump']
        yield 'jump-into-instruction', edit(j + 1, b'\x01' if not wide else b'\x01\x00')
        yield 'jump-outside-code', edit(j + 1, b'\xf0' if not wide else b'\xf0\x7f')
    yield 'extended-arg-misplaced', edit(at + len(code) - unit * (3 if wide else 1), bytes([144 if s['version'] >= '3.6' and not wide else 145]) + (b'\x01' if not wide else b'\x01\x00'))
    lines = bytes.fromhex(s['lines'])
    if lines and pyc.count(lines) == 1:
        l = pyc.find(lines)
        yield 'line-table-garbage', edit(l, b'\x7f' * min(4, len(lines)))
        yield 'line-table-length-2gib', edit(l - 4, struct.pack('<i', 0x7fffffff))
    exc = bytes.fromhex(s['exceptions'])
    if exc and pyc.count(exc) == 1:
        e = pyc.find(exc)
        yield 'exception-table-garbage', edit(e, b'\xff' * len(exc))
        yield 'exception-table-cut', edit(e - 4, struct.pack('<i', 1))


def main():
    os.makedirs(CASES, exist_ok=True)
    for old in glob.glob(os.path.join(CASES, '*')):
        os.remove(old)
    n = 0
    for s in seeds():
        for name, data in damages(s):
            with open(os.path.join(CASES, '%s-%s.pyc' % (s['version'], name)), 'wb') as fh:
                fh.write(data)
            n += 1
    print('%d cases in %s' % (n, CASES))


if __name__ == '__main__':
    main()
