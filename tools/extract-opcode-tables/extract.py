# -*- coding: utf-8 -*-
"""Writes the ByteFluent opcode table (docs/opcode-table-format.md) of the interpreter running this script.

    python extract.py [OUTPUT.json] [--facts DIR] [--source NAME]

Runs unchanged under CPython 2.7 and 3.6-3.15 (native or pyodide). Everything comes from the running
interpreter's own modules (opcode, dis, _opcode, importlib, marshal, inspect, __future__); the only
other input is tools/opcode-facts (pop counts for every version, and 2.7's stack effects, which 2.7
cannot report itself). Every fact that can be checked against the interpreter is checked here, and
the script exits non-zero with a message when anything does not fit.
"""
from __future__ import print_function

import os
import sys

sys.dont_write_bytecode = True  # run with -E, which ignores PYTHONDONTWRITEBYTECODE; keep tools/ clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import stackformula  # noqa: E402  (next to this script)
import tablewriter  # noqa: E402
from stackformula import ExtractionError  # noqa: E402
from tablewriter import Obj  # noqa: E402

FORMAT = 1

# Arguments sampled for dis.stack_effect: every value an EXTENDED_ARG-free or single-prefix
# instruction can carry, plus a few large ones so terms on oparg >> 8 are pinned down (not beyond 2**24:
# CPython computes effects in a C int, and 2*oparg must not overflow).
SAMPLE_ARGS = list(range(2048)) + [4095, 4096, 65535, 65536, (1 << 20) + 3, (1 << 24) - 1]


def version_key():
    return sys.version_info[0], sys.version_info[1]


def interpreter_version():
    vi = sys.version_info
    text = "%d.%d.%d" % (vi[0], vi[1], vi[2])
    pypy = getattr(sys, "pypy_version_info", None)
    if pypy is not None:
        return text + " (PyPy %d.%d.%d)" % (pypy[0], pypy[1], pypy[2])
    level = {"alpha": "a", "beta": "b", "candidate": "rc"}.get(vi[3])
    if level:
        text += "%s%d" % (level, vi[4])
    return text


def magic_bytes():
    if sys.version_info[0] == 2:
        import imp
        return bytearray(imp.get_magic())
    import importlib.util
    return bytearray(importlib.util.MAGIC_NUMBER)


# ---------------------------------------------------------------------------------------------
# opcodes


class Op(object):
    def __init__(self, name, number, category):
        self.name = name
        self.number = number
        self.category = category
        self.has_arg = False
        self.sets = []
        self.cache = 0
        self.deopt = None
        self.targets = None
        self.effect_no_jump = None
        self.effect_jump = None
        self.pops = None


def collect_opcodes(opcode, dis):
    """Every opcode the interpreter knows: opmap (real, instrumented, pseudo) plus specializations."""
    ops = {}
    min_pseudo = getattr(opcode, "MIN_PSEUDO_OPCODE", 256)
    min_instrumented = getattr(opcode, "MIN_INSTRUMENTED_OPCODE", None)
    for name, number in opcode.opmap.items():
        if number >= min_pseudo and version_key() >= (3, 12):
            category = "pseudo"
        elif name.startswith("INSTRUMENTED_"):
            if min_instrumented is not None and number < min_instrumented:
                raise ExtractionError("%s (%d) is below MIN_INSTRUMENTED_OPCODE %d" % (name, number, min_instrumented))
            category = "instrumented"
        else:
            category = "real"
        ops[name] = Op(name, number, category)

    specialized = specialized_opmap(opcode, dis)
    families = getattr(opcode, "_specializations", None)
    if specialized and not families:
        raise ExtractionError("specialized opcodes without opcode._specializations")
    deopt = {}
    for base, names in (families or {}).items():
        if base not in ops:
            raise ExtractionError("specialization family of unknown opcode %s" % base)
        for name in names:
            deopt[name] = base
    for name, number in specialized.items():
        if name in ops:
            raise ExtractionError("%s is both in opmap and specialized" % name)
        if name not in deopt:
            raise ExtractionError("specialized %s has no family in _specializations" % name)
        op = Op(name, number, "specialized")
        op.deopt = deopt[name]
        ops[name] = op
    for name in deopt:
        if name not in ops:
            raise ExtractionError("_specializations names %s, which has no number" % name)

    by_number = {}
    for op in ops.values():
        if op.number in by_number:
            raise ExtractionError("%s and %s share number %d" % (by_number[op.number].name, op.name, op.number))
        by_number[op.number] = op

    pseudo_targets = getattr(opcode, "_pseudo_ops", None)  # 3.12 only exposes these
    if pseudo_targets:
        for name, targets in pseudo_targets.items():
            op = ops[name]
            if op.category != "pseudo":
                raise ExtractionError("_pseudo_ops names %s, which is not pseudo" % name)
            op.targets = list(targets)
    return ops, by_number


def specialized_opmap(opcode, dis):
    if hasattr(opcode, "_specialized_opmap"):  # 3.13+
        return dict(opcode._specialized_opmap)
    if hasattr(opcode, "_specialized_instructions"):  # 3.11, 3.12: numbered as dis numbers them
        all_opmap = dis._all_opmap
        return dict((name, all_opmap[name]) for name in opcode._specialized_instructions)
    return {}


def set_names(opcode):
    names = []
    for name in dir(opcode):
        if name.startswith("has") and isinstance(getattr(opcode, name), list):
            names.append(name)
    return sorted(names)


def assign_sets(opcode, ops, by_number):
    sets = {}
    for set_name in set_names(opcode):
        members = []
        for number in getattr(opcode, set_name):
            if number not in by_number:
                raise ExtractionError("opcode.%s holds %d, which names no opcode" % (set_name, number))
            members.append(by_number[number])
        members.sort(key=lambda o: o.number)
        for op in members:
            op.sets.append(set_name)
        sets[set_name] = [op.name for op in members]
    return sets


def assign_has_arg(opcode, ops):
    try:
        import _opcode
        has_arg = getattr(_opcode, "has_arg", None)  # 3.13+: knows every opcode, specialized too
    except ImportError:
        has_arg = None
    listed = getattr(opcode, "hasarg", None)  # 3.12+
    for op in ops.values():
        if op.category == "specialized":
            continue
        if listed is not None:
            op.has_arg = op.number in listed
        else:
            op.has_arg = op.number >= opcode.HAVE_ARGUMENT
        if has_arg is not None and bool(has_arg(op.number)) != op.has_arg:
            raise ExtractionError("%s: _opcode.has_arg disagrees with opcode.hasarg" % op.name)
    for op in ops.values():
        if op.category == "specialized":
            # 3.13+ knows per specialization (BINARY_OP_ADD_FLOAT ignores its argument); before, the family's.
            op.has_arg = bool(has_arg(op.number)) if has_arg is not None else ops[op.deopt].has_arg


def assign_cache(opcode, ops):
    entries = getattr(opcode, "_inline_cache_entries", None)
    if entries is None:
        return
    for op in ops.values():
        if op.category == "specialized":
            continue
        if isinstance(entries, (list, tuple)):  # 3.11, 3.12: by number
            op.cache = entries[op.number] if op.number < len(entries) else 0
        else:  # 3.13+: a mapping by name (a frozendict in 3.15)
            op.cache = entries.get(op.name, 0)
    for op in ops.values():
        if op.category == "specialized":
            # A specialization replaces its family's instruction in place, so it has the same cache.
            op.cache = ops[op.deopt].cache


# ---------------------------------------------------------------------------------------------
# stack effects


# PyPy 7.3.11's _opcode.stack_effect aborts the whole interpreter (an RPython assertion) instead of raising
# ValueError for arguments its compiler never emits: those opcodes are sampled on the arguments it accepts only.
PYPY_ARGUMENTS = {"CALL_FUNCTION_EX": [0, 1]}


def is_pypy():
    import platform
    return platform.python_implementation() == "PyPy"


def sample_effects(stack_effect, number, jump):
    """{oparg: effect} over SAMPLE_ARGS (ValueError = not a valid argument), or None for no argument."""
    kwargs = {} if jump is None else {"jump": jump}
    values = {}
    args = SAMPLE_ARGS
    if is_pypy():
        import opcode
        args = PYPY_ARGUMENTS.get(opcode.opname[number], SAMPLE_ARGS)
    for arg in args:
        try:
            values[arg] = stack_effect(number, arg, **kwargs)
        except ValueError:
            pass
    if values:
        return values
    try:
        value = stack_effect(number, **kwargs)
    except ValueError:
        return None
    return dict((arg, value) for arg in args)


def assign_stack_effects(dis, ops):
    stack_effect = getattr(dis, "stack_effect", None)
    if stack_effect is None:
        return False
    takes_jump = version_key() >= (3, 8)
    for op in sorted(ops.values(), key=lambda o: o.number):
        no_jump = sample_effects(stack_effect, op.number, False if takes_jump else None)
        if no_jump is None:
            continue
        op.effect_no_jump = fit_or_fail(op, no_jump, "stack effect")
        if takes_jump:
            jump = sample_effects(stack_effect, op.number, True)
            if jump is None:
                raise ExtractionError("%s: stack_effect accepts jump=False but not jump=True" % op.name)
            if set(jump) != set(no_jump) or any(jump[a] != no_jump[a] for a in jump):
                op.effect_jump = fit_or_fail(op, jump, "jump stack effect")
    return True


def fit_or_fail(op, samples, what):
    formula = stackformula.fit(samples)
    if formula is None:
        shown = ", ".join("%d: %d" % (a, samples[a]) for a in sorted(samples)[:12])
        raise ExtractionError("%s (%d): no formula of the family reproduces the %s (%s, ...)" % (op.name, op.number, what, shown))
    return formula


# ---------------------------------------------------------------------------------------------
# named arguments, flags


def argument_names(opcode, dis):
    result = []

    def add(opname, entries):
        if opname in opcode.opmap and entries:
            result.append((opname, entries))

    nb_ops = getattr(opcode, "_nb_ops", None)
    if nb_ops:
        add("BINARY_OP", [entry(i, name, symbol) for i, (name, symbol) in enumerate(nb_ops)])
    for opname, attr in (("CALL_INTRINSIC_1", "_intrinsic_1_descs"), ("CALL_INTRINSIC_2", "_intrinsic_2_descs")):
        descs = getattr(opcode, attr, None)
        if descs:
            add(opname, [entry(i, name) for i, name in enumerate(descs)])
    constants = getattr(opcode, "_common_constants", None)
    if constants:
        add("LOAD_COMMON_CONSTANT", [entry(i, getattr(c, "__name__", None) or repr(c)) for i, c in enumerate(constants)])
    specials = getattr(opcode, "_special_method_names", None)
    if specials:
        add("LOAD_SPECIAL", [entry(i, name) for i, name in enumerate(specials)])
    converters = getattr(dis, "FORMAT_VALUE_CONVERTERS", None)  # 3.8-3.12
    if converters:
        add("FORMAT_VALUE", [entry(i, name) for i, (_, name) in enumerate(converters)])
    if "CONVERT_VALUE" in opcode.opmap and hasattr(dis, "ArgResolver"):  # 3.13+: only inside dis
        resolver = dis.ArgResolver()
        names = []
        for i in range(256):
            try:
                names.append(entry(i, resolver.get_argval_argrepr(opcode.opmap["CONVERT_VALUE"], i, 0)[1]))
            except IndexError:
                break
        add("CONVERT_VALUE", names)
    for opname, attr in (("MAKE_FUNCTION", "MAKE_FUNCTION_FLAGS"), ("SET_FUNCTION_ATTRIBUTE", "FUNCTION_ATTR_FLAGS")):
        flags = getattr(dis, attr, None)
        if flags:
            add(opname, [entry(1 << i, name) for i, name in enumerate(flags)])
    result.sort()
    return result


def entry(value, name, symbol=None):
    pairs = Obj([("value", value), ("name", name)])
    if symbol is not None:
        pairs.append(("symbol", symbol))
    return pairs


def co_flags(dis):
    import __future__
    import inspect
    flags = {}

    def add(name, value, where):
        if not isinstance(value, int) or isinstance(value, bool) or value == 0:
            return  # 2.7's __future__ keeps CO_GENERATOR_ALLOWED = 0: not a flag any more
        if flags.get(name, value) != value:
            raise ExtractionError("%s is %d in %s but %d elsewhere" % (name, value, where, flags[name]))
        flags[name] = value

    for module in (inspect, __future__):
        for name in dir(module):
            if name.startswith("CO_"):
                add(name, getattr(module, name), module.__name__)
    for value, name in getattr(dis, "COMPILER_FLAG_NAMES", {}).items():
        add("CO_" + name, value, "dis.COMPILER_FLAG_NAMES")
    return sorted(flags.items(), key=lambda kv: (kv[1], kv[0]))


# ---------------------------------------------------------------------------------------------


def build_table(source, facts_dir):
    import dis
    import marshal
    import opcode

    ops, by_number = collect_opcodes(opcode, dis)
    sets = assign_sets(opcode, ops, by_number)
    assign_has_arg(opcode, ops)
    assign_cache(opcode, ops)
    if not assign_stack_effects(dis, ops):
        import py27effects
        py27effects.assign(ops, facts_dir)
    import pops
    pops.assign(ops, facts_dir, version_key(), SAMPLE_ARGS)

    magic = magic_bytes()
    major, minor = version_key()
    table = [
        ("format", FORMAT),
        ("className", ("PyPy%d%d" if is_pypy() else "Python%d%d") % (major, minor)),
        ("version", "%d.%d" % (major, minor)),
    ]
    if is_pypy():
        table.append(("implementation", "pypy"))
    table += [
        ("interpreter", interpreter_version()),
        ("source", source),
        ("magic", magic[0] | (magic[1] << 8)),
        ("magicBytes", "".join("%02x" % b for b in magic)),
        ("marshalVersion", marshal.version),
        ("haveArgument", opcode.HAVE_ARGUMENT),
        ("extendedArg", opcode.EXTENDED_ARG),
        ("wordcode", version_key() >= (3, 6)),
        ("opcodes", [op_entry(op) for op in sorted(ops.values(), key=lambda o: o.number)]),
        ("sets", sorted(sets.items())),
        ("cmpOp", list(opcode.cmp_op)),
        ("argumentNames", argument_names(opcode, dis)),
        ("coFlags", co_flags(dis)),
    ]
    return table, ops


def op_entry(op):
    pairs = Obj([
        ("name", op.name),
        ("number", op.number),
        ("category", op.category),
        ("hasArg", op.has_arg),
        ("sets", op.sets),
        ("cache", op.cache),
    ])
    if op.effect_no_jump is not None:
        effect = Obj([("noJump", Obj(op.effect_no_jump))])
        if op.effect_jump is not None:
            effect.append(("jump", Obj(op.effect_jump)))
        pairs.append(("stackEffect", effect))
    if op.pops is not None:
        pairs.append(("pops", Obj(op.pops)))
    if op.deopt is not None:
        pairs.append(("deopt", op.deopt))
    if op.targets is not None:
        pairs.append(("targets", op.targets))
    return pairs


def main(argv):
    output = None
    facts_dir = os.path.join(os.path.dirname(HERE), "opcode-facts")
    source = "pyodide" if sys.platform == "emscripten" else "debian" if is_pypy() else "pyenv"
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--facts":
            facts_dir = args.pop(0)
        elif arg == "--source":
            source = args.pop(0)
        elif arg.startswith("-"):
            sys.stderr.write("usage: extract.py [OUTPUT.json] [--facts DIR] [--source NAME]\n")
            return 2
        else:
            output = arg
    try:
        table, _ = build_table(source, facts_dir)
    except ExtractionError as e:
        sys.stderr.write("extract.py (Python %s): %s\n" % (interpreter_version(), e))
        return 1
    text = tablewriter.render(table)
    if output:
        with open(output, "wb") as f:
            f.write(text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
