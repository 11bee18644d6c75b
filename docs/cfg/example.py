# The function drawn in docs/cfg.md (one picture per era), also the sample of tests/ByteFluent.Tests/Flow.
def classify(items):
    total = 0
    for x in items:
        if x < 0:
            continue
        try:
            total += 10 // x
        except ZeroDivisionError:
            total -= 1
    return total


def search(rows, key):
    i = 0
    while i < len(rows):
        if rows[i] == key:
            break
        i += 1
    else:
        return -1
    return i
