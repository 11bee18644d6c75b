# -*- coding: utf-8 -*-
"""Pop counts (byteplay's getse pops) from tools/opcode-facts, checked against the interpreter."""
import os


def assign(ops, facts_dir, version, sample_args):
    path = os.path.join(facts_dir, "pops.txt")
    if not os.path.exists(path):
        return
