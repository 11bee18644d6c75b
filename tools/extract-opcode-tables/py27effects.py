# -*- coding: utf-8 -*-
"""CPython 2.7's stack effects (it has no dis.stack_effect) from tools/opcode-facts, proven against co_stacksize."""
import os


def assign(ops, facts_dir):
    path = os.path.join(facts_dir, "stack-effects-2.7.txt")
    if not os.path.exists(path):
        return
