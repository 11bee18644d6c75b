# Oracle for DisStackTests: the stack depth before every instruction of one function, found by walking the code
# with CPython's own dis.stack_effect (jump=True for a jump's target, jump=False for the next instruction; 3.11+
# handlers at the exception table's depth + lasti + 1). Prints one line per instruction: offset, opcode name and
# the depths it was reached with ("-" when no path reaches it).
# 3.6 and 3.7's stack_effect has no jump argument and reports the larger branch; for their branching opcodes the
# per-branch effects of their compilers are used (the same facts 3.8's stack_effect reports per branch).
import dis, marshal, sys

jumps = set(dis.hasjrel) | set(dis.hasjabs)

BRANCHES_BEFORE_38 = {  # opcode: (no jump, jump)
    "FOR_ITER": (1, -1),
    "JUMP_IF_TRUE_OR_POP": (-1, 0),
    "JUMP_IF_FALSE_OR_POP": (-1, 0),
    "SETUP_EXCEPT": (0, 6),
    "SETUP_FINALLY": (0, 6),
    "SETUP_WITH": (1, 6),
    "SETUP_ASYNC_WITH": (0, 5),
}


def effect(ins, jump):
    if ins.opname == "RETURN_GENERATOR" and sys.version_info[:2] in ((3, 11), (3, 12)):
        # stack_effect says 0, but the value sent into the new generator is on the stack when it resumes after it
        return 1
    if sys.version_info < (3, 8):
        if ins.opname in BRANCHES_BEFORE_38:
            return BRANCHES_BEFORE_38[ins.opname][1 if jump else 0]
        return dis.stack_effect(ins.opcode, ins.arg if ins.opcode >= dis.HAVE_ARGUMENT else None)
    return dis.stack_effect(ins.opcode, ins.arg, jump=jump)


NO_FALL = {"RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE", "JUMP_FORWARD", "JUMP_ABSOLUTE",
           "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT"}


def walk(code):
    """The instructions of code with the set of depths the walk reaches each with."""
    instrs = list(dis.get_instructions(code))
    index = {ins.offset: k for k, ins in enumerate(instrs)}
    handlers = {}
    if sys.version_info >= (3, 11):
        for e in dis._parse_exception_table(code):
            for off in range(e.start, e.end, 2):
                if off in index:
                    handlers[index[off]] = (index[e.target], e.depth + (1 if e.lasti else 0) + 1)

    depths = [set() for _ in instrs]
    work = [(0, 0)]
    if code.co_flags & (0x20 | 0x80 | 0x200) and sys.version_info >= (3, 10):
        work = [(0, 1 if sys.version_info < (3, 11) else 0)]
    while work:
        k, d = work.pop()
        if k >= len(instrs) or d in depths[k] or len(depths[k]) > 4:
            continue
        depths[k].add(d)
        ins = instrs[k]
        if k in handlers:
            work.append(handlers[k])
        if ins.opcode in jumps and ins.opname != "END_ASYNC_FOR":
            work.append((index[ins.argval], d + effect(ins, True)))
        if ins.opname not in NO_FALL:
            work.append((k + 1, d + effect(ins, False)))
    return list(zip(instrs, depths))


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        module = marshal.load(f)
    code = next(c for c in module.co_consts if hasattr(c, "co_code") and c.co_name == sys.argv[2])
    for ins, ds in walk(code):
        print(ins.offset, ins.opname, ",".join(str(x) for x in sorted(ds)) if ds else "-")
