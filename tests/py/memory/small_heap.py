# cmdline: -X heapsize=16k
# A fresh interpreter leaves most of a 16 KB heap to the program, and garbage made while
# building short-lived objects is found in time.
import gc

gc.collect()
print(gc.mem_free() > 5000)


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
d = [{"k": i} for i in range(25)]
print(len(d), sum(x["k"] for x in d))
