# With the heap locked, for loops and all/any/min/max/sum walk builtin containers (bytes,
# bytearray, array, dict, set, frozenset, tuple, list, range) without allocating.
import array
import micropython

data = {
    "bytes": b"az",
    "bytearray": bytearray(b"\x01\x02"),
    "array": array.array("h", (-5, 7)),
    "dict": {3: "x"},
    "set": {9},
    "frozenset": frozenset((8,)),
    "tuple": (1, 2),
    "list": [5, 6],
    "range": range(3, 0, -1),
}
out = [0] * 4


def walk(c):
    micropython.heap_lock()
    n = 0
    for x in c:
        out[n] = x
        n += 1
    micropython.heap_unlock()
    return n


names = ("bytes", "bytearray", "array", "dict", "set", "frozenset", "tuple", "list", "range")
for name in names:
    n = walk(data[name])
    print(name, out[:n])



def builtins(t):
    micropython.heap_lock()
    out[0] = all(t)
    out[1] = any(b"\x00")
    out[2] = min(t)
    out[3] = max(b"abc")
    micropython.heap_unlock()
    print(out)
    micropython.heap_lock()
    out[0] = sum(t)
    out[1] = all(b"")
    micropython.heap_unlock()
    print(out)


builtins((3, 1, 2))
