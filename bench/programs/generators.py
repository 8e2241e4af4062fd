# Generators, generator expressions and yield from.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def chain(n):
    yield from count(n)
    yield from count(n)


def run():
    s = 0
    for v in chain(100000):
        s += v
    s += sum(x * 2 for x in count(100000))
    return s


REPEAT = 10
for _ in range(REPEAT - 1):
    run()
print(run())
