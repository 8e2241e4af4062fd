# Closures, lambdas and higher-order calls.
def make_adder(n):
    def add(x):
        return x + n

    return add


def run():
    adders = [make_adder(i) for i in range(10)]
    s = 0
    for i in range(100000):
        for f in adders:
            s = f(s) & 0xFFFFF
    s += sum(map(lambda v: v * 2, range(10000)))
    return s


REPEAT = 4
for _ in range(REPEAT - 1):
    run()
print(run())
