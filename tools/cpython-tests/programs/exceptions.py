# try/except/else/finally in every combination, re-raise, chaining, exception groups and except*, with.
import contextlib

def f(kind):
    log = []
    try:
        try:
            if kind == 1:
                raise KeyError("k")
            if kind == 2:
                raise ValueError("v")
            if kind == 3:
                return "early"
            log.append("body")
        except KeyError as e:
            log.append("key %r" % e.args)
            raise RuntimeError("wrapped") from e
        else:
            log.append("else")
        finally:
            log.append("finally")
    except RuntimeError as e:
        log.append("outer %s cause=%r" % (e, e.__cause__))
    except Exception as e:
        log.append("other %s context=%r" % (type(e).__name__, e.__context__))
    return log

for k in range(4):
    print(k, f(k))

def groups():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [KeyError(3)])])
    except* ValueError as eg:
        print("values", [repr(e) for e in eg.exceptions])
    except* (TypeError, KeyError) as eg:
        print("others", repr(eg.split(KeyError)[0]))

groups()

class CM:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.swallow

with CM("a"), CM("b", swallow=True):
    raise IndexError

@contextlib.contextmanager
def managed(x):
    print("setup", x)
    try:
        yield x * 10
    except ZeroDivisionError:
        print("handled")
    finally:
        print("teardown", x)

with managed(4) as v:
    print("value", v)
    1 / 0

with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.enter_context(managed(i))
    stack.callback(print, "callback")

try:
    with contextlib.suppress(KeyError):
        {}["x"]
    print("suppressed")
    assert False, "assert message"
except AssertionError as e:
    print("assert", e)

def nested_finally():
    for i in range(3):
        try:
            try:
                if i == 1:
                    continue
                if i == 2:
                    break
            finally:
                print("inner finally", i)
        finally:
            print("outer finally", i)
    return i

print(nested_finally())
