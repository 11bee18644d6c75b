# Loops, comprehensions, closures, nonlocal, generators with send/throw/close, yield from, and big functions
# whose jumps cross EXTENDED_ARG boundaries once instructions are inserted.
def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc

c = counter()
print([c(), c(2), c(3)])

def gen():
    received = []
    try:
        while True:
            x = yield len(received)
            if x is None:
                break
            received.append(x * 2)
    except ValueError as e:
        yield "caught %s" % e
    finally:
        print("gen finally", received)

g = gen()
print(next(g), g.send(1), g.send(2), g.throw(ValueError("boom")))
g.close()

def delegate():
    r = yield from (i * i for i in range(4))
    yield from ["a", "b"]
    return r

print(list(delegate()))
print({k: [v for v in range(k) if v % 2] for k in range(6)})
print(sorted({(a, b) for a in range(3) for b in range(a)}))
print(sum(x for x in range(1000) if x % 7 == 3))

big = """
def big(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            total += i
        elif i % 3 == 1:
            total -= i
        else:
            total ^= i
""" + "\n".join("        total += %d if i > %d else -%d" % (k, k, k) for k in range(120)) + """
    while total > 1000:
        total //= 3
        if total == 7:
            break
    else:
        total += 1
    return total
"""
ns = {}
exec(compile(big, "<big>", "exec"), ns)
print(ns["big"](50))

def labelled(xs):
    out = []
    for x in xs:
        for y in xs:
            if x == y:
                continue
            if x + y > 7:
                break
            out.append((x, y))
    return out

print(labelled(range(5)))
print(list(map(lambda t: t[0] * t[1], zip(range(5), range(5, 10)))))
print(any(i > 3 for i in range(5)), all(i < 3 for i in range(5)))
