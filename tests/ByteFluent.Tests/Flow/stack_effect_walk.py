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
        if ins.opname == "EXTENDED_ARG":
            return 0  # 3.6/3.7's stack_effect refuses it (ValueError); 3.8+ says 0
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



# 2.7-3.8: what dis.stack_effect cannot say. The effect of END_FINALLY, POP_FINALLY, WITH_CLEANUP_START and
# WITH_CLEANUP_FINISH depends on the finally status on top (None/NULL for a normal entry, the six items of an
# exception, 3.8 CALL_FINALLY's return address), and stack_effect gives one number: the compiler's count for its
# stack size (3.8: BEGIN_FINALLY counted as 6 so that END_FINALLY's -6 balances; 3.7/3.8 WITH_CLEANUP_START's 2 is
# the exception case; 3.6's POP_EXCEPT 0 leaves out the three saved items it cuts). status_walk walks like walk, with
# the statuses of the open finally blocks in its state and, for those opcodes only, the effect for the status on top:
# ByteFluent's analysis keeps one depth per instruction and enters a with-cleanup no normal path reaches with one
# status item, as the path of an exception the exit silences goes on after END_FINALLY (the interpreter: the six
# items, cut back to the with's level when silenced). status_walk follows that entry too ("S", beside every exception
# entry of a with-cleanup, with the effects of a normal one); the depths of such states are reported apart (seeded).
# 3.6/3.7 BREAK_LOOP and CONTINUE_LOOP unwind the block stack to the loop's level, which stack_effect (0) cannot say;
# status_walk does not follow them (the loop's head is reached by its own entry; its exit by the loop's end).
STATUS_SETUPS = ("SETUP_FINALLY", "SETUP_EXCEPT", "SETUP_WITH", "SETUP_ASYNC_WITH")


def status_effect(ins, k, jump, st, finally_targets):
    """(delta, statuses after, continues) for instruction ins at index k on one edge."""
    name = ins.opname
    top = st[-1] if st else None
    if jump:
        if name in STATUS_SETUPS:
            return effect(ins, True), st + ("X",), True  # entered by an exception: 6 items
        if name == "CALL_FINALLY":
            return effect(ins, True), st + ("R",), True  # the return address
        return effect(ins, True), st, True
    if name == "LOAD_CONST" and ins.argval is None and k + 1 in finally_targets:
        return 1, st + ("N",), True  # 3.6/3.7: None falls into the finally block
    if name == "BEGIN_FINALLY":
        return 1, st + ("N",), True  # 3.8: one NULL
    if top is None:
        return effect(ins, False), st, True
    if name == "END_FINALLY":
        # None/NULL: pops it and goes on; an exception re-raises; a return address returns after CALL_FINALLY
        return -1, st[:-1], top in ("N", "S")
    if name == "POP_FINALLY":
        return (-6 if top == "X" else -1), st[:-1], True
    if name == "WITH_CLEANUP_START":
        return (2 if top == "X" else 1), st, True
    if name == "WITH_CLEANUP_FINISH":
        return -2, st, True  # pops the exit's result and the copy of the status; the status stays
    if name == "POP_EXCEPT" and top == "X":
        return -3, st[:-1], True  # the three saved items (3.6's stack_effect says 0)
    return effect(ins, False), st, True


def status_walk(code):
    """(instruction, depths, seeded depths) per instruction: the status-aware walk's sets, as walk's."""
    instrs = list(dis.get_instructions(code))
    index = {ins.offset: k for k, ins in enumerate(instrs)}
    finally_targets = set()
    if sys.version_info < (3, 8):
        finally_targets = {index[i.argval] for i in instrs if i.opname in ("SETUP_FINALLY", "SETUP_WITH", "SETUP_ASYNC_WITH")}
    depths = [set() for _ in instrs]
    seeded = [set() for _ in instrs]
    seen = [set() for _ in instrs]
    work = [(0, 0, ())]
    while work:
        k, d, st = work.pop()
        if k >= len(instrs) or (d, st) in seen[k] or len(seen[k]) > 8:
            continue
        seen[k].add((d, st))
        (seeded if "S" in st else depths)[k].add(d)
        ins = instrs[k]
        if ins.opname in ("BREAK_LOOP", "CONTINUE_LOOP"):
            continue
        if ins.opcode in jumps and ins.opname != "END_ASYNC_FOR":
            delta, after, _ = status_effect(ins, k, True, st, finally_targets)
            work.append((index[ins.argval], d + delta, after))
            if ins.opname in ("SETUP_WITH", "SETUP_ASYNC_WITH"):
                work.append((index[ins.argval], d + delta - 5, st + ("S",)))
        if ins.opname not in NO_FALL:
            delta, after, goes_on = status_effect(ins, k, False, st, finally_targets)
            if goes_on:
                work.append((k + 1, d + delta, after))
    return list(zip(instrs, depths, seeded))

if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        module = marshal.load(f)
    code = next(c for c in module.co_consts if hasattr(c, "co_code") and c.co_name == sys.argv[2])
    for ins, ds in walk(code):
        print(ins.offset, ins.opname, ",".join(str(x) for x in sorted(ds)) if ds else "-")
