# Coroutines, async generators, async with/for, await chains, driven by hand (no event loop needed).
import types

@types.coroutine
def suspend(value):
    got = yield value
    return got

async def leaf(x):
    y = await suspend(x)
    return y + 1

async def middle(n):
    total = 0
    for i in range(n):
        total += await leaf(i)
    return total

class AsyncCM:
    async def __aenter__(self):
        await suspend("enter")
        return "resource"
    async def __aexit__(self, *exc):
        await suspend("exit")
        return False

async def agen(n):
    for i in range(n):
        await suspend(("agen", i))
        yield i * i

async def main():
    async with AsyncCM() as r:
        print("inside", r)
    squares = [v async for v in agen(4)]
    print("squares", squares)
    async for v in agen(2):
        print("item", v)
    try:
        await leaf(None)
    except TypeError as e:
        print("error", e)
    return await middle(3)

def run(coro):
    value = None
    trace = []
    while True:
        try:
            yielded = coro.send(value)
        except StopIteration as stop:
            return stop.value, trace
        trace.append(yielded)
        value = yielded if isinstance(yielded, int) else None

result, trace = run(main())
print(result)
print(trace)
