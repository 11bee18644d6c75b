
def classify(v):
    match v:
        case 0 | 1 as small:
            return "small %d" % small
        case [x, y, *rest] if x < y:
            return "ascending then %d" % len(rest)
        case {"kind": "circle", "r": r}:
            return "circle %s" % r
        case str() as s:
            return "str %d" % len(s)
        case (a, b):
            return "pair %r %r" % (a, b)
        case _:
            return "other %r" % (v,)

for v in [1, [1, 2, 3], [2, 1], {"kind": "circle", "r": 2}, "abc", (5, 6), 2.5]:
    print(classify(v))
