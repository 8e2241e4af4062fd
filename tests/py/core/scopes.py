# scopes: global, nonlocal, closures in loops, class scopes, comprehensions
counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print(counter)


def make():
    fns = []
    for i in range(3):
        def f(i=i):
            return i * 10
        fns.append(f)
    return [f() for f in fns]


print(make())


def outer():
    x = 1

    def mid():
        nonlocal x
        x += 1

        def inner():
            return x * 100

        return inner()

    return mid(), x


print(outer())


class K:
    a = 5
    b = [a * i for i in range(3)] if False else None
    c = a + 1


print(K.c, K.b)
print([(i, j) for i in range(3) for j in range(i) if j != 1])
print({k: v for k, v in zip("ab", [1, 2])}, sorted({x % 3 for x in range(10)}))
