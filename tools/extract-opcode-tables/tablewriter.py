# -*- coding: utf-8 -*-
"""Deterministic JSON for the opcode tables: ordered keys, one opcode (or entry) per line (2.7 and 3.x)."""
import json


class Obj(list):
    """A JSON object: a list of (key, value) pairs, written in that order."""


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) or type(v).__name__ == "long":
        return str(int(v))
    if isinstance(v, Obj):
        return "{" + ", ".join(json.dumps(k) + ": " + value(x) for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if v is None:
        return "null"
    return json.dumps(v)


def render(table):
    """table: list of (key, value); values are ints, strings, lists, or lists of pairs (objects)."""
    lines = ["{"]
    for i, (key, v) in enumerate(table):
        comma = "," if i + 1 < len(table) else ""
        if key == "opcodes":
            lines.append('  "opcodes": [')
            lines.extend("    " + value(op) + ("," if j + 1 < len(v) else "") for j, op in enumerate(v))
            lines.append("  ]" + comma)
        elif key in ("sets", "argumentNames", "coFlags"):
            lines.append("  " + json.dumps(key) + ": {")
            for j, (name, x) in enumerate(v):
                inner = "," if j + 1 < len(v) else ""
                if key == "argumentNames":
                    lines.append("    " + json.dumps(name) + ": [")
                    lines.extend("      " + value(e) + ("," if n + 1 < len(x) else "") for n, e in enumerate(x))
                    lines.append("    ]" + inner)
                else:
                    lines.append("    " + json.dumps(name) + ": " + value(x) + inner)
            lines.append("  }" + comma)
        else:
            lines.append("  " + json.dumps(key) + ": " + value(v) + comma)
    lines.append("}")
    return "\n".join(lines) + "\n"
