# cmdline: -X heapsize=64k
# MemoryError says how much was asked for, as MicroPython's "memory allocation failed,
# allocating N bytes", and that the heap is locked when it is.
import micropython

for make in (lambda: bytearray(1000000), lambda: [0] * 1000000, lambda: b"ab" * 400000):
    try:
        make()
    except MemoryError as e:
        msg = str(e)
        print(msg.startswith("memory allocation failed, allocating "), msg.endswith(" bytes"))
        print(int(msg.split()[-2]) >= 800000)

# A request too large to count still raises MemoryError.
try:
    [0] * (1 << 62)
except MemoryError as e:
    print("MemoryError", repr(str(e)))

micropython.heap_lock()
try:
    [1, 2] + [3]
except MemoryError as e:
    err = e
micropython.heap_unlock()
print(err)

# The heap is still usable afterwards.
print(len(bytearray(1000)))
