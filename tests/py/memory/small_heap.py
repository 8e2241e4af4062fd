# cmdline: -X heapsize=16k
# A program still has room in a 16 KB heap (MicroPython leaves more: about 14 KB here), and
# garbage made while building short-lived objects is found in time.
import gc

gc.collect()
print(gc.mem_free() > 3000)


class P:
    def __init__(self, n):
        self.n = n
        self.pad = [n] * 20


def f(a, b):
    return a.n + b.n


t = 0
for i in range(5000):
    t += f(P(i), P(i + 1))
print(t)
d = [{"k": i} for i in range(12)]
print(len(d), sum(x["k"] for x in d))
