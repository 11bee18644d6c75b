# The protected blocks of ExceptionEdgeTests: try/except around a loop with a break and a nested try/finally, an
# except clause binding a name (a return inside its hidden finally), and a with statement. main() prints what runs.
log = []


def g(x):
    if x == 3:
        raise KeyError(x)
    log.append(x)


def h():
    log.append("h")


class Ctx(object):
    def __enter__(self):
        log.append("in")
        return self

    def __exit__(self, *exc):
        log.append("out")


def f(a):
    try:
        for x in a:
            if x < 0:
                break
            try:
                g(x)
            finally:
                h()
    except KeyError as e:
        return len(log)
    with Ctx() as c:
        log.append(c is not None)
    return -1


def main():
    print(f([1, 2, -1]), f([1, 3]), f([]), log)
