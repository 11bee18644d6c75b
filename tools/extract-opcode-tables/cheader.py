# -*- coding: utf-8 -*-
"""Reads _PyOpcode_num_popped from CPython's generated metadata header (3.13+ installs it under
include/pythonX.Y/internal/pycore_opcode_metadata.h) to cross-check the pop facts (2.7 and 3.x)."""
import os
import re


def header_path():
    try:
        import sysconfig
        include = sysconfig.get_paths().get("include")
    except Exception:  # pyodide, or no sysconfig data
        return None
    if not include:
        return None
    path = os.path.join(include, "internal", "pycore_opcode_metadata.h")
    return path if os.path.exists(path) else None


def num_popped(path):
    """{opcode name: function(oparg) -> int} from the header's _PyOpcode_num_popped switch."""
    with open(path) as f:
        text = f.read()
    start = text.find("int _PyOpcode_num_popped(int opcode, int oparg)")
    if start < 0:
        raise ValueError("%s has no _PyOpcode_num_popped" % path)
    body = text[start:text.index("\n}\n", start)]
    result = {}
    pending = []
    for line in body.splitlines():
        line = line.strip()
        m = re.match(r"case (\w+):$", line)
        if m:
            pending.append(m.group(1))
            continue
        m = re.match(r"return (.+);$", line)
        if m and pending:
            expr = parse_c_expression(m.group(1))
            for name in pending:
                result[name] = expr
            pending = []
    return result


_TOKEN = re.compile(r"\s*(\d+|oparg|==|!=|>>|<<|[-+*/&|()?:])")


def parse_c_expression(text):
    """A function of oparg for the small C expressions the generator writes (+ - * / & | >> << == ?:)."""
    tokens = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError("cannot read C expression %r at %d" % (text, pos))
        tokens.append(m.group(1))
        pos = m.end()
    parser = _Parser(tokens)
    tree = parser.ternary()
    if parser.pos != len(tokens):
        raise ValueError("trailing tokens in %r" % text)
    return lambda oparg: _eval(tree, oparg)


class _Parser(object):
    LEVELS = (("|",), ("&",), ("==", "!="), (">>", "<<"), ("+", "-"), ("*", "/"))

    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected=None):
        tok = self.peek()
        if expected is not None and tok != expected:
            raise ValueError("expected %r, found %r" % (expected, tok))
        self.pos += 1
        return tok

    def ternary(self):
        cond = self.binary(0)
        if self.peek() == "?":
            self.take("?")
            yes = self.ternary()
            self.take(":")
            no = self.ternary()
            return ("?", cond, yes, no)
        return cond

    def binary(self, level):
        if level == len(self.LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in self.LEVELS[level]:
            op = self.take()
            left = (op, left, self.binary(level + 1))
        return left

    def unary(self):
        tok = self.take()
        if tok == "-":
            return ("neg", self.unary())
        if tok == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        if tok == "oparg":
            return ("oparg",)
        return ("int", int(tok))


def _eval(node, oparg):
    kind = node[0]
    if kind == "int":
        return node[1]
    if kind == "oparg":
        return oparg
    if kind == "neg":
        return -_eval(node[1], oparg)
    if kind == "?":
        return _eval(node[2], oparg) if _eval(node[1], oparg) else _eval(node[3], oparg)
    a = _eval(node[1], oparg)
    b = _eval(node[2], oparg)
    if kind == "+":
        return a + b
    if kind == "-":
        return a - b
    if kind == "*":
        return a * b
    if kind == "/":
        return int(a / b)  # C division truncates
    if kind == "&":
        return a & b
    if kind == "|":
        return a | b
    if kind == ">>":
        return a >> b
    if kind == "<<":
        return a << b
    if kind == "==":
        return int(a == b)
    if kind == "!=":
        return int(a != b)
    raise ValueError(kind)
