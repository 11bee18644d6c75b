# -*- coding: utf-8 -*-
"""Writes the opcode tables of the releases no interpreter here can run (CPython 1.0-2.6, 3.0-3.5; PyPy 2.7, 3.2,
3.5-3.8) from tools/opcode-facts/source-tables.txt: each table is a neighbouring table (checked in, or written
earlier in the same file) with the changes the facts list, so what each release changed stays readable.

    python3 from-sources.py [TABLES_DIR] [--facts DIR] [--check]

--check compares instead of writing and exits 1 on any difference (the drift test runs it).
"""
from __future__ import print_function

import json
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import stackformula  # noqa: E402
import tablewriter  # noqa: E402
from stackformula import ExtractionError  # noqa: E402
from tablewriter import Obj  # noqa: E402

KEYS = ("format", "className", "version", "implementation", "interpreter", "source", "magic", "magicBytes",
        "marshalVersion", "haveArgument", "extendedArg", "wordcode", "opcodes", "sets", "cmpOp", "argumentNames", "coFlags")


def parse_sections(path):
    sections = []
    current = None
    with open(path) as f:
        for number, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = {"name": line[1:-1], "keys": {}, "changes": [], "line": number}
                sections.append(current)
                continue
            if current is None:
                raise ExtractionError("%s:%d: a fact before the first [section]" % (path, number))
            head = line.split(None, 1)
            if head[0] in ("-", "=", "+", "~", "-flag", "+flag"):
                current["changes"].append((number, head[0], head[1] if len(head) > 1 else ""))
            else:
                current["keys"][head[0]] = head[1] if len(head) > 1 else ""
    return sections


def formula(text, where):
    if text.strip() in ("none", "-"):
        return None
    f = stackformula.parse(text)
    if f is None:
        raise ExtractionError("%s: cannot read formula %r" % (where, text))
    return f


def effects(text, where):
    if text.strip() == "none":
        return None
    parts = [p.strip() for p in text.split("|")]
    no_jump = formula(parts[0], where)
    jump = formula(parts[1], where) if len(parts) > 1 else None
    effect = {"noJump": no_jump}
    if jump is not None:
        effect["jump"] = jump
    return effect


def load_table(name, tables_dir, written):
    if name in written:
        return json.loads(json.dumps(written[name]))
    with open(os.path.join(tables_dir, name + ".json")) as f:
        return json.load(f)


def apply(section, tables_dir, written, path):
    keys = section["keys"]
    base = load_table(keys["base"], tables_dir, written)
    ops = dict((o["name"], o) for o in base["opcodes"])
    flags = dict(base["coFlags"])
    for number, kind, rest in section["changes"]:
        where = "%s:%d" % (path, number)
        if kind == "-":
            for name in rest.split():
                if name not in ops:
                    raise ExtractionError("%s: %s is not in the base table" % (where, name))
                del ops[name]
        elif kind == "=":
            name, num = rest.split()
            if name not in ops:
                raise ExtractionError("%s: %s is not in the base table" % (where, name))
            ops[name]["number"] = int(num)
        elif kind in ("+", "~"):
            body, _, pops = rest.partition(";")
            parts = body.split(None, 3 if kind == "+" else 1)
            name = parts[0]
            if kind == "+":
                num, sets, effect_text = int(parts[1]), parts[2], parts[3]
                op = {"name": name, "number": num, "category": "real", "cache": 0,
                      "sets": [] if sets == "-" else ["has" + s for s in sets.split(",")]}
                ops[name] = op
            else:
                if name not in ops:
                    raise ExtractionError("%s: %s is not in the base table" % (where, name))
                op, effect_text = ops[name], parts[1]
            op["stackEffect"] = effects(effect_text, where)
            p = formula(pops, where)
            op["pops"] = p
        elif kind == "-flag":
            for name in rest.split():
                flags.pop(name, None)
        elif kind == "+flag":
            for pair in rest.split():
                name, _, value = pair.partition("=")
                flags[name] = int(value)
    have_argument = int(keys.get("haveArgument", base["haveArgument"]))
    by_number = {}
    for op in ops.values():
        op["hasArg"] = op["number"] >= have_argument
        if op["number"] in by_number:
            raise ExtractionError("%s: %s and %s share number %d" % (section["name"], by_number[op["number"]], op["name"], op["number"]))
        by_number[op["number"]] = op["name"]
    if "EXTENDED_ARG" not in ops:
        raise ExtractionError("%s: no EXTENDED_ARG" % section["name"])
    set_names = sorted(set(s for o in ops.values() for s in o["sets"]) | set(base["sets"]))
    ordered = sorted(ops.values(), key=lambda o: o["number"])
    magic = int(keys["magic"])
    magic_bytes = bytearray([magic & 0xFF, magic >> 8, 0x99, 0]) if magic in (39170, 39171) else bytearray([magic & 0xFF, magic >> 8, 13, 10])
    table = {
        "format": 1,
        "className": keys["class"],
        "version": keys["version"],
        "implementation": keys.get("implementation"),
        "interpreter": keys["interpreter"],
        "source": keys["source"],
        "magic": magic,
        "magicBytes": "".join("%02x" % b for b in magic_bytes),
        "marshalVersion": int(keys["marshal"]),
        "haveArgument": have_argument,
        "extendedArg": ops["EXTENDED_ARG"]["number"],
        "wordcode": keys.get("wordcode", "true" if base["wordcode"] else "false") == "true",
        "opcodes": ordered,
        "sets": dict((s, [o["name"] for o in ordered if s in o["sets"]]) for s in set_names),
        "cmpOp": base["cmpOp"],
        "argumentNames": dict((k, v) for k, v in base["argumentNames"].items() if k in ops),
        "coFlags": flags,
    }
    return table


def render(table):
    pairs = []
    for key in KEYS:
        v = table[key]
        if key == "implementation" and v is None:
            continue
        if key == "opcodes":
            v = [op_entry(o) for o in v]
        elif key == "sets":
            v = sorted(v.items())
        elif key == "argumentNames":
            v = sorted((k, [Obj(sorted(e.items(), key=lambda kv: ("value", "name", "symbol").index(kv[0]))) for e in entries]) for k, entries in v.items())
        elif key == "coFlags":
            v = sorted(v.items(), key=lambda kv: (kv[1], kv[0]))
        pairs.append((key, v))
    return tablewriter.render(pairs)


def op_entry(op):
    pairs = Obj([("name", op["name"]), ("number", op["number"]), ("category", op["category"]), ("hasArg", op["hasArg"]),
                 ("sets", op["sets"]), ("cache", op["cache"])])
    if op.get("stackEffect"):
        effect = op["stackEffect"]
        pairs.append(("stackEffect", Obj([(k, as_obj(effect[k])) for k in ("noJump", "jump") if k in effect])))
    if op.get("pops") is not None:
        pairs.append(("pops", as_obj(op["pops"])))
    return pairs


def as_obj(f):
    """A formula (a dict from JSON or a list of pairs from stackformula) as an ordered JSON object."""
    return Obj(f.items() if isinstance(f, dict) else f)


def main(argv):
    root = os.path.dirname(os.path.dirname(HERE))
    tables_dir = os.path.join(root, "src", "ByteFluent", "Versions", "Tables")
    facts_dir = os.path.join(root, "tools", "opcode-facts")
    check = False
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--facts":
            facts_dir = args.pop(0)
        elif a == "--check":
            check = True
        else:
            tables_dir = a
    path = os.path.join(facts_dir, "source-tables.txt")
    written = {}
    different = []
    try:
        for section in parse_sections(path):
            table = apply(section, tables_dir, written, path)
            written[section["name"]] = json.loads(render(table))
            text = render(table)
            out = os.path.join(tables_dir, section["name"] + ".json")
            if check:
                old = open(out).read() if os.path.exists(out) else None
                if old != text:
                    different.append(section["name"])
            else:
                with open(out, "w") as f:
                    f.write(text)
    except ExtractionError as e:
        sys.stderr.write("from-sources.py: %s\n" % e)
        return 1
    if different:
        sys.stderr.write("from-sources.py: tables differ from the facts: %s\n" % ", ".join(different))
        return 1
    print("%d tables %s" % (len(written), "match the facts" if check else "written"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
