from __future__ import print_function

import sys

def tracer_for(code, events):
    def tracer(frame, event, arg):
        if frame.f_code is code:
            events.append((event, frame.f_lineno - code.co_firstlineno))
        return tracer
    return tracer

def traced(a, b):
    x = a
    for i in range(b):
        if i % 2:
            x += i
        else:
            x -= 1
    try:
        x = x // (b - 3)
    except ZeroDivisionError:
        x = -1
    finally:
        x += 100
    return x

events = []
sys.settrace(tracer_for(traced.__code__, events))
traced(1, 3)
traced(2, 5)
sys.settrace(None)
print("events", events)

def gen():
    got = []
    try:
        while True:
            v = yield len(got)
            if v is None:
                break
            got.append(v)
    except ValueError:
        yield "value error"
    finally:
        print("gen finally", got)

g = gen()
print(next(g), g.send("a"), g.send("b"), g.throw(ValueError))
g.close()

def nested_finally(n):
    out = []
    for i in range(n):
        try:
            try:
                if i == 1:
                    continue
                if i == 3:
                    break
                out.append(i)
            finally:
                out.append("f%d" % i)
        finally:
            out.append("F")
    else:
        out.append("else")
    return out

print(nested_finally(2), nested_finally(5))

class Base(object):
    def __init__(self, v):
        self.v = v
    @property
    def double(self):
        return self.v * 2
    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.v)

class Child(Base):
    def __init__(self, v, w=3, *rest, **kw):
        super(Child, self).__init__(v)
        self.w = w
        self.rest = rest
        self.kw = sorted(kw.items())

c = Child(4, 5, 6, 7, z=1, y=2)
print(c, c.double, c.w, c.rest, c.kw)
print([x * y for x in range(4) for y in range(x) if (x + y) % 2], dict((k, k * k) for k in range(4)))
print(sorted(set("abracadabra")), {1: 2, 3: 4}.get(3), (lambda *a, **k: (a, sorted(k)))(1, 2, q=3))
data = list(range(10))
data[2:5] = ["x"]
del data[-1]
print(data, data[::3], 1 < 2 < 3, 1 < 3 < 2, "yes" if data else "no")
try:
    assert len(data) == 0, "assertion text"
except AssertionError as e:
    print("assert", e)
try:
    {}["missing"]
except KeyError as e:
    print("key", repr(e))
class CM(object):
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return True
with CM() as cm:
    raise IndexError("swallowed")
i = 0
while i < 5:
    i += 1
    if i == 10:
        break
else:
    print("while else", i)
def fails(n):
    if n == 0:
        raise RuntimeError("deep")
    return fails(n - 1)
try:
    fails(3)
except RuntimeError:
    tb = sys.exc_info()[2]
    lines = []
    while tb is not None:
        lines.append(tb.tb_lineno - tb.tb_frame.f_code.co_firstlineno)
        tb = tb.tb_next
    print("traceback lines", lines)

def long_loop(n):
    total = 0
    for i in range(n):
        total = total + 0 * i if i % 2 else total - 0
        total = total + 1 * i if i % 3 else total - 1
        total = total + 2 * i if i % 4 else total - 2
        total = total + 3 * i if i % 5 else total - 3
        total = total + 4 * i if i % 6 else total - 4
        total = total + 5 * i if i % 7 else total - 5
        total = total + 6 * i if i % 8 else total - 6
        total = total + 7 * i if i % 2 else total - 7
        total = total + 8 * i if i % 3 else total - 8
        total = total + 9 * i if i % 4 else total - 9
        total = total + 10 * i if i % 5 else total - 10
        total = total + 11 * i if i % 6 else total - 11
        total = total + 12 * i if i % 7 else total - 12
        total = total + 13 * i if i % 8 else total - 13
        total = total + 14 * i if i % 2 else total - 14
        total = total + 15 * i if i % 3 else total - 15
        total = total + 16 * i if i % 4 else total - 16
        total = total + 17 * i if i % 5 else total - 17
        total = total + 18 * i if i % 6 else total - 18
        total = total + 19 * i if i % 7 else total - 19
        total = total + 20 * i if i % 8 else total - 20
        total = total + 21 * i if i % 2 else total - 21
        total = total + 22 * i if i % 3 else total - 22
        total = total + 23 * i if i % 4 else total - 23
        total = total + 24 * i if i % 5 else total - 24
        total = total + 25 * i if i % 6 else total - 25
        total = total + 26 * i if i % 7 else total - 26
        total = total + 27 * i if i % 8 else total - 27
        total = total + 28 * i if i % 2 else total - 28
        total = total + 29 * i if i % 3 else total - 29
        total = total + 30 * i if i % 4 else total - 30
        total = total + 31 * i if i % 5 else total - 31
        total = total + 32 * i if i % 6 else total - 32
        total = total + 33 * i if i % 7 else total - 33
        total = total + 34 * i if i % 8 else total - 34
        total = total + 35 * i if i % 2 else total - 35
        total = total + 36 * i if i % 3 else total - 36
        total = total + 37 * i if i % 4 else total - 37
        total = total + 38 * i if i % 5 else total - 38
        total = total + 39 * i if i % 6 else total - 39
        total = total + 40 * i if i % 7 else total - 40
        total = total + 41 * i if i % 8 else total - 41
        total = total + 42 * i if i % 2 else total - 42
        total = total + 43 * i if i % 3 else total - 43
        total = total + 44 * i if i % 4 else total - 44
        total = total + 45 * i if i % 5 else total - 45
        total = total + 46 * i if i % 6 else total - 46
        total = total + 47 * i if i % 7 else total - 47
        total = total + 48 * i if i % 8 else total - 48
        total = total + 49 * i if i % 2 else total - 49
        total = total + 50 * i if i % 3 else total - 50
        total = total + 51 * i if i % 4 else total - 51
        total = total + 52 * i if i % 5 else total - 52
        total = total + 53 * i if i % 6 else total - 53
        total = total + 54 * i if i % 7 else total - 54
        total = total + 55 * i if i % 8 else total - 55
        total = total + 56 * i if i % 2 else total - 56
        total = total + 57 * i if i % 3 else total - 57
        total = total + 58 * i if i % 4 else total - 58
        total = total + 59 * i if i % 5 else total - 59
        total = total + 60 * i if i % 6 else total - 60
        total = total + 61 * i if i % 7 else total - 61
        total = total + 62 * i if i % 8 else total - 62
        total = total + 63 * i if i % 2 else total - 63
        total = total + 64 * i if i % 3 else total - 64
        total = total + 65 * i if i % 4 else total - 65
        total = total + 66 * i if i % 5 else total - 66
        total = total + 67 * i if i % 6 else total - 67
        total = total + 68 * i if i % 7 else total - 68
        total = total + 69 * i if i % 8 else total - 69
        total = total + 70 * i if i % 2 else total - 70
        total = total + 71 * i if i % 3 else total - 71
        total = total + 72 * i if i % 4 else total - 72
        total = total + 73 * i if i % 5 else total - 73
        total = total + 74 * i if i % 6 else total - 74
        total = total + 75 * i if i % 7 else total - 75
        total = total + 76 * i if i % 8 else total - 76
        total = total + 77 * i if i % 2 else total - 77
        total = total + 78 * i if i % 3 else total - 78
        total = total + 79 * i if i % 4 else total - 79
        total = total + 80 * i if i % 5 else total - 80
        total = total + 81 * i if i % 6 else total - 81
        total = total + 82 * i if i % 7 else total - 82
        total = total + 83 * i if i % 8 else total - 83
        total = total + 84 * i if i % 2 else total - 84
        total = total + 85 * i if i % 3 else total - 85
        total = total + 86 * i if i % 4 else total - 86
        total = total + 87 * i if i % 5 else total - 87
        total = total + 88 * i if i % 6 else total - 88
        total = total + 89 * i if i % 7 else total - 89
        total = total + 90 * i if i % 8 else total - 90
        total = total + 91 * i if i % 2 else total - 91
        total = total + 92 * i if i % 3 else total - 92
        total = total + 93 * i if i % 4 else total - 93
        total = total + 94 * i if i % 5 else total - 94
        total = total + 95 * i if i % 6 else total - 95
        total = total + 96 * i if i % 7 else total - 96
        total = total + 97 * i if i % 8 else total - 97
        total = total + 98 * i if i % 2 else total - 98
        total = total + 99 * i if i % 3 else total - 99
        total = total + 100 * i if i % 4 else total - 100
        total = total + 101 * i if i % 5 else total - 101
        total = total + 102 * i if i % 6 else total - 102
        total = total + 103 * i if i % 7 else total - 103
        total = total + 104 * i if i % 8 else total - 104
        total = total + 105 * i if i % 2 else total - 105
        total = total + 106 * i if i % 3 else total - 106
        total = total + 107 * i if i % 4 else total - 107
        total = total + 108 * i if i % 5 else total - 108
        total = total + 109 * i if i % 6 else total - 109
        total = total + 110 * i if i % 7 else total - 110
        total = total + 111 * i if i % 8 else total - 111
        total = total + 112 * i if i % 2 else total - 112
        total = total + 113 * i if i % 3 else total - 113
        total = total + 114 * i if i % 4 else total - 114
        total = total + 115 * i if i % 5 else total - 115
        total = total + 116 * i if i % 6 else total - 116
        total = total + 117 * i if i % 7 else total - 117
        total = total + 118 * i if i % 8 else total - 118
        total = total + 119 * i if i % 2 else total - 119
        total = total + 120 * i if i % 3 else total - 120
        total = total + 121 * i if i % 4 else total - 121
        total = total + 122 * i if i % 5 else total - 122
        total = total + 123 * i if i % 6 else total - 123
        total = total + 124 * i if i % 7 else total - 124
        total = total + 125 * i if i % 8 else total - 125
        total = total + 126 * i if i % 2 else total - 126
        total = total + 127 * i if i % 3 else total - 127
        total = total + 128 * i if i % 4 else total - 128
        total = total + 129 * i if i % 5 else total - 129
        total = total + 130 * i if i % 6 else total - 130
        total = total + 131 * i if i % 7 else total - 131
        total = total + 132 * i if i % 8 else total - 132
        total = total + 133 * i if i % 2 else total - 133
        total = total + 134 * i if i % 3 else total - 134
        total = total + 135 * i if i % 4 else total - 135
        total = total + 136 * i if i % 5 else total - 136
        total = total + 137 * i if i % 6 else total - 137
        total = total + 138 * i if i % 7 else total - 138
        total = total + 139 * i if i % 8 else total - 139
        total = total + 140 * i if i % 2 else total - 140
        total = total + 141 * i if i % 3 else total - 141
        total = total + 142 * i if i % 4 else total - 142
        total = total + 143 * i if i % 5 else total - 143
        total = total + 144 * i if i % 6 else total - 144
        total = total + 145 * i if i % 7 else total - 145
        total = total + 146 * i if i % 8 else total - 146
        total = total + 147 * i if i % 2 else total - 147
        total = total + 148 * i if i % 3 else total - 148
        total = total + 149 * i if i % 4 else total - 149
        if total > 100000:
            break
    return total

print("long_loop", long_loop(40))
