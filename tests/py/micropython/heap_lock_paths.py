# Work that MicroPython does without the heap also runs under heap_lock in Zython: calls,
# loops over tuples/lists/ranges, builtin class methods, concatenation with an empty
# str/bytes and a replace that changes nothing. Allocating still raises MemoryError.
import micropython


def add(a, b=2):
    return a + b


def work(s, out):
    t = 0
    for x in (1, 2, 3):
        t = add(t, x)
    for x in range(4):
        t = add(t)
    n = int.from_bytes(b"12", "little")
    same = (s + "") is s and ("" + s) is s and s.replace(",", "_") is s
    try:
        [1, 2]
        allocated = True
    except MemoryError:
        allocated = False
    out[0] = t
    out[1] = n
    out[2] = same
    out[3] = allocated


out = [None] * 4
micropython.heap_lock()
work("foo", out)
micropython.heap_unlock()
print(out)
