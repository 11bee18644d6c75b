# -*- coding: utf-8 -*-
"""Pop counts (byteplay's getse pops) from tools/opcode-facts/pops.txt, checked against the interpreter."""
import os

import cheader
import stackformula
from stackformula import ExtractionError


def parse_version(text):
    major, minor = text.split(".")
    return int(major), int(minor)


def is_pypy():
    import platform
    return platform.python_implementation() == "PyPy"


def in_range(spec, version):
    # "pypy:SPEC" lines hold PyPy's own opcodes (and PyPy's pop counts where they differ); they apply to PyPy only.
    if spec.startswith("pypy:"):
        return is_pypy() and in_range(spec[5:], version)
    if spec == "-":
        return True
    if "-" not in spec:
        return parse_version(spec) == version
    low, high = spec.split("-")
    if low and version < parse_version(low):
        return False
    if high and version > parse_version(high):
        return False
    return True


def load(facts_dir, version):
    """{opcode name: (formula, line number)} for the facts that apply to this version."""
    path = os.path.join(facts_dir, "pops.txt")
    facts = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(None, 2)
            if len(parts) != 3:
                raise ExtractionError("%s:%d: expected NAME VERSIONS FORMULA" % (path, number))
            name, spec, text = parts
            if not in_range(spec, version):
                continue
            if name in facts and spec.startswith("pypy:"):
                pass  # PyPy's own count replaces CPython's for the same name
            elif name in facts:
                raise ExtractionError("%s:%d: %s already has a pop count for this version (line %d)" % (path, number, name, facts[name][1]))
            formula = stackformula.parse(text)
            if formula is None:
                raise ExtractionError("%s:%d: cannot read formula %r" % (path, number, text))
            facts[name] = (formula, number)
    return facts


def assign(ops, facts_dir, version, sample_args):
    facts = load(facts_dir, version)
    header = cheader.header_path()
    popped = cheader.num_popped(header) if header else {}
    missing = []
    for op in sorted(ops.values(), key=lambda o: o.number):
        if op.category != "real":
            continue
        if op.name not in facts:
            missing.append(op.name)
            continue
        formula, line = facts[op.name]
        args = sample_args if op.has_arg else [0]
        for arg in args:
            pops = stackformula.evaluate(formula, arg)
            if pops < 0:
                raise ExtractionError("pops.txt:%d: %s pops %d for oparg %d" % (line, op.name, pops, arg))
            for effect in (op.effect_no_jump, op.effect_jump):
                if effect is not None and pops + stackformula.evaluate(effect, arg) < 0:
                    raise ExtractionError("pops.txt:%d: %s pops %d but its stack effect for oparg %d is %d: pushes would be negative"
                                          % (line, op.name, pops, arg, stackformula.evaluate(effect, arg)))
            if popped:
                if op.name not in popped:
                    raise ExtractionError("%s has no _PyOpcode_num_popped case for %s" % (header, op.name))
                expected = popped[op.name](arg)
                if expected != pops:
                    raise ExtractionError("pops.txt:%d: %s pops %d for oparg %d, but %s says %d" % (line, op.name, pops, arg, header, expected))
        op.pops = formula
    if missing:
        raise ExtractionError("pops.txt has no pop count for %s" % ", ".join(missing))
    return bool(popped)
