# Classes (super, properties, descriptors, __slots__, metaclasses, dataclasses, enums) and pattern matching.
import dataclasses
import enum
import functools

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns["tag"] = name.lower()
        return super().__new__(mcls, name, bases, ns)

class Base(metaclass=Meta):
    __slots__ = ("x",)
    def __init__(self, x):
        self.x = x
    @property
    def double(self):
        return self.x * 2
    def describe(self):
        return "%s(%s)" % (self.tag, self.x)

class Child(Base):
    __slots__ = ("y",)
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def describe(self):
        return super().describe() + "+%s" % self.y

print(Child(2, 3).describe(), Child(2, 3).double, Base.tag, Child.tag)

@dataclasses.dataclass(order=True, frozen=True)
class Point:
    x: int
    y: int = 0
    def norm1(self):
        return abs(self.x) + abs(self.y)

pts = sorted([Point(3, 1), Point(1, 2), Point(1, -5)])
print(pts, [p.norm1() for p in pts], dataclasses.asdict(pts[0]), dataclasses.replace(pts[0], y=9))

class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1

print(list(Color), Color(2), Color["BLUE"].value, Perm.R | Perm.W, (Perm.R | Perm.X).value)

def classify(value):
    match value:
        case 0 | 1 as small:
            return "small %d" % small
        case [x, y, *rest] if x < y:
            return "ascending pair then %d more" % len(rest)
        case {"kind": "circle", "r": r}:
            return "circle r=%s" % r
        case Point(x=0, y=y):
            return "on y axis at %d" % y
        case Point(x, y) if x == y:
            return "diagonal"
        case str() as s:
            return "string of %d" % len(s)
        case Color.RED:
            return "red"
        case _:
            return "other %r" % (value,)

for v in [1, [1, 2, 3, 4], [2, 1], {"kind": "circle", "r": 2}, Point(0, 7), Point(4, 4), "abc", Color.RED, 3.5]:
    print(classify(v))

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info().hits)

@functools.singledispatch
def show(x):
    return "object"

@show.register
def _(x: int):
    return "int"

@show.register
def _(x: list):
    return "list of %d" % len(x)

print(show(1), show([1, 2]), show("s"))
