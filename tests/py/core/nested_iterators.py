# Deeply nested iterators raise RuntimeError instead of exhausting the native stack, and a
# wrapper asks its inner iterator again after the end (as CPython does).
x = (1, 2)
for i in range(1000):
    x = map(abs, x)
try:
    tuple(x)
except RuntimeError:
    print("RuntimeError")


class Again:
    n = 0

    def __iter__(self):
        return self

    def __next__(self):
        Again.n += 1
        if Again.n % 2 == 0:
            raise StopIteration
        return Again.n


e = enumerate(Again())
print(list(e), list(e))
