# Things that look at code: inspect signatures and sources of the program's own functions, tracebacks with
# line numbers, sys.settrace line events, f_lineno, and dis of a function compiled at run time.
import inspect
import sys
import traceback

def target(a, b=2, *args, c, d=4, **kw):
    x = a + b
    if x > 3:
        x -= 1
    for i in range(2):
        x += i
    return x

print(inspect.signature(target), target(1, c=0))
print(target.__code__.co_varnames, target.__code__.co_argcount, target.__code__.co_kwonlyargcount)

events = []
def tracer(frame, event, arg):
    if frame.f_code is target.__code__:
        events.append((event, frame.f_lineno - target.__code__.co_firstlineno))
    return tracer

sys.settrace(tracer)
target(5, c=1)
sys.settrace(None)
print(events)

def fails(n):
    if n == 0:
        raise ZeroDivisionError("deep")
    return fails(n - 1) + 1

try:
    fails(3)
except ZeroDivisionError as e:
    tb = traceback.extract_tb(e.__traceback__)
    print([(fr.name, fr.lineno - fails.__code__.co_firstlineno) for fr in tb])
    print([fr.line for fr in tb])

def where():
    return sys._getframe(1).f_lineno - sys._getframe(1).f_code.co_firstlineno

def caller():
    a = 1
    b = where()
    return b

print(caller())
gen = (i for i in range(3))
print(inspect.getgeneratorstate(gen), next(gen), inspect.getgeneratorstate(gen))
print(sorted(name for name, _ in inspect.getmembers(inspect, inspect.isclass))[:5])
