"""ByteFluent's bundled demo input: byteplay's classic example."""


def f(a, b):
    print(a, b)


f(3, 5)
