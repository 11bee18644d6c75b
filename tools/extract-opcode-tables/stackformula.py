# -*- coding: utf-8 -*-
"""The stack formula family of the opcode tables, fitted to samples (runs under 2.7 and 3.x).

    F(oparg) = base + arg*oparg + lo*(oparg & 0xFF) + hi*(oparg >> 8) + table[oparg & mask]

except for the few arguments listed in "cases" ([oparg, value] pairs), whose value is given outright.

Writing oparg = 256*a + b (b = oparg & 0xFF), F = base + s*b + t*a + table[b & mask] with s = arg + lo and
t = 256*arg + hi, so samples pin down exactly (s, t, table); arg is used when t == 256*s (a plain linear
term), lo/hi otherwise. A formula is a list of (key, value) pairs holding only the non-zero terms.
"""

MASKS = (0, 1, 3, 7, 15, 31, 63, 127, 255)
CASE_THRESHOLDS = (4, 8, 16)
MAX_CASES = 3


class ExtractionError(Exception):
    """A fact could not be extracted or did not check out."""


def evaluate(formula, oparg):
    f = dict(formula)
    for x, v in f.get("cases", ()):
        if x == oparg:
            return v
    value = f.get("base", 0) + f.get("arg", 0) * oparg + f.get("lo", 0) * (oparg & 0xFF) + f.get("hi", 0) * (oparg >> 8)
    table = f.get("table")
    if table:
        value += table[oparg & f["mask"]]
    return value


def fit(samples):
    """The simplest formula (smallest mask, fewest cases) reproducing every sample {oparg: value}, or None."""
    if not samples:
        return None
    formula = _fit_all(samples)
    if formula is not None:
        return formula
    # A few small arguments may be special (BUILD_SLICE: -2 for 3, -1 otherwise): fit the rest, list those.
    for threshold in CASE_THRESHOLDS:
        rest = dict((x, v) for x, v in samples.items() if x >= threshold)
        formula = _fit_all(rest)
        if formula is None:
            continue
        cases = [[x, samples[x]] for x in sorted(samples) if x < threshold and evaluate(formula, x) != samples[x]]
        if len(cases) <= MAX_CASES:
            return formula + [("cases", cases)]
    return None


def _fit_all(samples):
    args = sorted(samples)
    for mask in MASKS:
        formula = _fit_mask(samples, args, mask)
        if formula is not None:
            return formula
    return None


def _fit_mask(d, args, mask):
    k = mask + 1
    s = 0
    if k < 256:
        for r in range(256 - k):
            if r in d and r + k in d:
                diff = d[r + k] - d[r]
                if diff % k:
                    return None
                s = diff // k
                break
    t = 0
    for b in range(256):
        if b in d and b + 256 in d:
            t = d[b + 256] - d[b]
            break
    table = [None] * k
    for x in args:
        r = x & mask
        if table[r] is None:
            table[r] = d[x] - s * (x & 0xFF) - t * (x >> 8)
    table = [0 if v is None else v for v in table]
    for x in args:
        if table[x & mask] + s * (x & 0xFF) + t * (x >> 8) != d[x]:
            return None
    base = table[0]
    table = [v - base for v in table]
    pairs = []
    if base:
        pairs.append(("base", base))
    if t == 256 * s:
        if s:
            pairs.append(("arg", s))
    else:
        if s:
            pairs.append(("lo", s))
        if t:
            pairs.append(("hi", t))
    if any(table):
        pairs.append(("mask", mask))
        pairs.append(("table", table))
    return pairs


def parse(text):
    """A formula from the compact text of the facts files: '1', '-1-arg', '1+lo+hi', 'base=-1 mask=1 table=0,-1'."""
    text = text.strip()
    if "=" in text:
        pairs = []
        for part in text.split():
            key, _, value = part.partition("=")
            if key == "table":
                pairs.append((key, [int(v) for v in value.split(",")]))
            elif key == "cases":
                pairs.append((key, [[int(x) for x in case.split(":")] for case in value.split(",")]))
            else:
                pairs.append((key, int(value)))
        return _normalise(pairs)
    terms = {}
    token = ""
    for ch in text.replace(" ", "") + "+":
        if ch in "+-" and token not in ("", "-", "+"):
            _add_term(terms, token)
            token = ch
        else:
            token += ch
    return _normalise(sorted(terms.items(), key=lambda kv: ORDER.index(kv[0])))


ORDER = ("base", "arg", "lo", "hi", "mask", "table")


def _add_term(terms, token):
    sign = -1 if token.startswith("-") else 1
    token = token.lstrip("+-")
    if "*" in token:
        coeff, name = token.split("*")
        coeff = int(coeff)
    elif token in ("arg", "lo", "hi"):
        coeff, name = 1, token
    else:
        coeff, name = int(token), "base"
    terms[name] = terms.get(name, 0) + sign * coeff


def _normalise(pairs):
    """Canonical form: the formula fit() would produce for the same function."""
    probe = dict((x, evaluate(pairs, x)) for x in list(range(512)) + [65535, 65536])
    return fit(probe)
