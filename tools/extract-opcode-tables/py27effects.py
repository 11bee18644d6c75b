# -*- coding: utf-8 -*-
"""CPython 2.7's stack effects (it has no dis.stack_effect) from tools/opcode-facts/stack-effects-2.7.txt,
proven against the interpreter: every code object of 2.7's standard library (plus the snippets below) is
compiled, its maximum stack depth recomputed from these facts with 2.7's own stackdepth rules (jumps and
SETUP_* handler targets, no fall-through after JUMP_FORWARD/JUMP_ABSOLUTE), and compared with co_stacksize.

2.7 computes co_stacksize before its peephole optimizer folds constants (which lowers the real depth), so
each module is compiled from an AST whose line numbers are spread out (x512, bodies of nested code +300):
every code object then has a line step of 256 or more, and the peephole leaves such code unchanged.
"""
from __future__ import print_function

import os
import sys

import stackformula
from stackformula import ExtractionError

# Snippets for corners the standard library may not reach (compiled in addition to it).
SNIPPETS = [
    "def f(a, b=1, *args, **kw):\n    return g(a, b, *args, **kw) + g(*args) + g(**kw) + g(x=1, *a)\n",
    "def f():\n    try:\n        try:\n            x = 1\n        except (A, B) as e:\n            raise\n        else:\n            pass\n        finally:\n            y = 2\n    finally:\n        return 3\n",
    "def f(x):\n    with a as b, c as d:\n        with e:\n            return [i for i in x if i]\n",
    "def f(x):\n    for i in x:\n        try:\n            continue\n        finally:\n            break\n    else:\n        return 1\n    while x:\n        try:\n            continue\n        except E:\n            pass\n",
    "def f(x):\n    y = x\n    def g(z=y):\n        return lambda q=z: x + y + z + q\n    return g\n",
    "def gen(x):\n    try:\n        yield x\n        yield (yield)\n    finally:\n        del x\n",
    "x = `1` + a[1:2] + a[1:] + a[:2] + a[:] + a[::2] + a[1:2:3] + a[...]\n"
    "a[1:2] = a[1:] = a[:2] = a[:] = b\n"
    "del a[1:2], a[1:], a[:2], a[:], a[0]\n",
    "print >> f, 1, 2,\nprint >> f\nprint 1,\nprint\nexec 'x' in g, l\nexec c\n",
    "class C(B, D):\n    @dec(1)\n    @dec2\n    def m(self, (a, b), c):\n        return {k: v for k, v in self} or {s for s in self} or (g for g in self)\n",
    "x = a if b else c\nassert x, 'msg'\ny = a < b < c < d\na, b, c = c, b, a\n(a, b), c = d\n",
    "x = a and b or c and not d\nfrom os import *\nfrom os.path import join as j, split\nimport a.b.c as d\n",
    "global_ = [[[[[[a]]]]]], {1: {2: {3: (4, 5, [6, {7}])}}}\nraise E, v, tb\n",
    "def f():\n    global g\n    g = 1\n    return f(f(f(f(f(f(f(f(f(f(1))))))))))\n",
    "x = [" + ", ".join("%d.5" % i for i in range(70000)) + "]\n",  # EXTENDED_ARG
    "def f(x):\n    return [(a, b) for a in x for b in a if b if a] + list(y for y in x for z in y)\n",
    "try:\n    pass\nexcept:\n    pass\nelse:\n    x = 1\nwhile 1:\n    if x: break\nelse:\n    y = 2\n",
]


def load(facts_dir):
    path = os.path.join(facts_dir, "stack-effects-2.7.txt")
    facts = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, _, rest = line.partition(" ")
            parts = [p.strip() for p in rest.split("|")]
            formulas = [stackformula.parse(p) for p in parts]
            if not parts[0] or len(parts) > 2 or None in formulas:
                raise ExtractionError("%s:%d: expected NAME NOJUMP [| JUMP]" % (path, number))
            if name in facts:
                raise ExtractionError("%s:%d: %s listed twice" % (path, number, name))
            facts[name] = (formulas[0], formulas[1] if len(formulas) > 1 else None)
    return facts


def assign(ops, facts_dir):
    facts = load(facts_dir)
    for name in facts:
        if name not in ops:
            raise ExtractionError("stack-effects-2.7.txt names %s, which 2.7 does not have" % name)
    for op in ops.values():
        if op.name in facts:
            op.effect_no_jump, op.effect_jump = facts[op.name]
    stats = prove(ops)
    sys.stderr.write("2.7 stack effects proven: %d files (%d not compilable by 2.7, skipped), %d snippets, "
                     "%d code objects, co_stacksize recomputed exactly for all\n" % stats)


# --- the proof ------------------------------------------------------------------------------------


def prove(ops):
    import ast
    by_number = dict((op.number, op) for op in ops.values())
    stdlib = os.path.dirname(os.__file__)
    files = []
    for root, dirs, names in os.walk(stdlib):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "dist-packages"))
        files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(".py"))
    compiled = skipped = checked = 0
    for path in files:
        with open(path, "rb") as f:
            source = f.read()
        try:
            tree = compile(source, path, "exec", ast.PyCF_ONLY_AST, True)
            spread_lines(tree)
            code = compile(tree, path, "exec", 0, True)
        except (SyntaxError, TypeError, ValueError):
            skipped += 1  # Python 3 sources and deliberately broken test data
            continue
        checked += check_code(code, path, by_number)
        compiled += 1
    for i, source in enumerate(SNIPPETS):
        name = "<snippet %d>" % i
        tree = compile(source, name, "exec", ast.PyCF_ONLY_AST, True)
        spread_lines(tree)
        checked += check_code(compile(tree, name, "exec", 0, True), name, by_number)
    if compiled < 500:
        raise ExtractionError("only %d standard-library modules compiled under 2.7 (from %s)" % (compiled, stdlib))
    return compiled, skipped, len(SNIPPETS), checked


def check_code(code, filename, by_number):
    count = 0
    pending = [code]
    while pending:
        co = pending.pop()
        pending.extend(c for c in co.co_consts if hasattr(c, "co_code"))
        depth = max_depth(co, by_number)
        if depth != co.co_stacksize:
            raise ExtractionError("%s: %s (line %d): stack depth from the 2.7 facts is %d, co_stacksize is %d"
                                  % (filename, co.co_name, co.co_firstlineno // 512, depth, co.co_stacksize))
        count += 1
    return count


def spread_lines(tree):
    """Line L becomes L*512 (+300 per level of nested code), so the peephole optimizer leaves every code
    object alone (it skips code whose line table has a step of 255 or more)."""
    import ast
    last = [0]

    def visit(node, shift):
        if hasattr(node, "lineno"):
            last[0] = max(last[0], node.lineno)
            node.lineno = node.lineno * 512 + shift
        inner = shift + 300
        for field, value in ast.iter_fields(node):
            child_shift = shift
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda)) and field == "body":
                child_shift = inner
            elif isinstance(node, (ast.GeneratorExp, ast.SetComp, ast.DictComp)):
                if field in ("elt", "key", "value"):
                    child_shift = inner
                elif field == "generators":
                    for i, comp in enumerate(value):
                        for cfield, cvalue in ast.iter_fields(comp):
                            outer = i == 0 and cfield == "iter"  # evaluated by the enclosing code
                            visit_value(cvalue, shift if outer else inner)
                    continue
            visit_value(value, child_shift)

    def visit_value(value, shift):
        if isinstance(value, list):
            for item in value:
                if isinstance(item, ast.AST):
                    visit(item, shift)
        elif isinstance(value, ast.AST):
            visit(value, shift)

    visit(tree, 0)
    # A second line at the end, so a one-line module has a large line step too.
    end = ast.Assign(targets=[ast.Name(id="__bytefluent_end__", ctx=ast.Store(), lineno=1, col_offset=0)],
                     value=ast.Num(n=0, lineno=1, col_offset=0), lineno=1, col_offset=0)
    for node in ast.walk(end):
        node.lineno = (last[0] + 1) * 512
    tree.body.append(end)


def max_depth(co, by_number):
    """co_stacksize as 2.7's compiler computes it (stackdepth_walk): a depth-first walk over basic blocks
    from the entry, jump targets before the fall-through, a block skipped when it is on the current path
    or was already entered at least as deep, nothing after JUMP_FORWARD / JUMP_ABSOLUTE. The order
    matters: 2.7's SETUP_WITH/END_FINALLY accounting is not balanced round a loop, so a plain fixpoint
    would not terminate, while this walk gives exactly the compiler's number."""
    import opcode
    code = bytearray(co.co_code)
    instructions = []  # (offset, opcode, arg, next offset)
    i = 0
    ext = 0
    while i < len(code):
        op = code[i]
        start = i
        if op >= opcode.HAVE_ARGUMENT:
            arg = code[i + 1] | (code[i + 2] << 8) | ext
            i += 3
        else:
            arg = 0
            i += 1
        if op == opcode.EXTENDED_ARG:
            ext = arg << 16
            continue  # the prefix is part of the next instruction (jumps to it land on the prefix)
        ext = 0
        instructions.append((start, op, arg, i))
    if not instructions:
        return 0
    jumps = set(opcode.hasjrel) | set(opcode.hasjabs)

    def target_of(op, arg, following):
        return following + arg if op in opcode.hasjrel else arg

    # Basic blocks: leaders are the entry, jump targets and whatever follows a jump.
    leaders = set([instructions[0][0]])
    for start, op, arg, following in instructions:
        if op in jumps:
            leaders.add(target_of(op, arg, following))
            leaders.add(following)
    # A jump onto an EXTENDED_ARG prefix lands on the instruction it belongs to.
    starts = [ins[0] for ins in instructions]
    blocks = {}
    order = []
    current = None
    for index, ins in enumerate(instructions):
        prefix_start = instructions[index - 1][3] if index else 0
        if ins[0] in leaders or prefix_start in leaders or current is None:
            current = []
            blocks[prefix_start if prefix_start in leaders else ins[0]] = current
            order.append(prefix_start if prefix_start in leaders else ins[0])
        current.append(ins)
    following_block = dict(zip(order, order[1:] + [None]))
    for leader in leaders:
        if leader not in blocks and leader < len(code):
            raise ExtractionError("%s: jump to %d, inside an instruction" % (co.co_name, leader))

    seen = set()
    start_depth = {}
    best = [0]

    def enter(block, depth):
        if block not in blocks:
            return False
        if block in seen or start_depth.get(block, -1) >= depth:
            return False
        seen.add(block)
        start_depth[block] = depth
        return True

    stack = []
    if enter(order[0], 0):
        stack.append([order[0], 0, 0, False])  # block, next instruction index, depth, stop after this block
    while stack:
        frame = stack[-1]
        block, index, depth, stop = frame
        body = blocks[block]
        if index < len(body):
            start, op, arg, following = body[index]
            info = by_number[op]
            if info.effect_no_jump is None:
                raise ExtractionError("%s: %s at %d has no stack effect fact" % (co.co_name, info.name, start))
            after = depth + stackformula.evaluate(info.effect_no_jump, arg)
            best[0] = max(best[0], after)
            frame[1] = index + 1
            frame[2] = after
            if op in jumps:
                jumped = depth + stackformula.evaluate(info.effect_jump or info.effect_no_jump, arg)
                best[0] = max(best[0], jumped)
                if info.name in ("JUMP_FORWARD", "JUMP_ABSOLUTE"):
                    frame[3] = True
                    frame[1] = len(body)  # the rest is dead
                target = target_of(op, arg, following)
                if enter(target, jumped):
                    stack.append([target, 0, jumped, False])
            continue
        # End of the block: fall through (inside this block's walk, as the compiler recurses).
        nxt = following_block[block]
        if not stop and nxt is not None and frame[3] is not None:
            frame[3] = None  # fall-through done once
            if enter(nxt, depth):
                stack.append([nxt, 0, depth, False])
            continue
        seen.discard(block)
        stack.pop()
    return best[0]
