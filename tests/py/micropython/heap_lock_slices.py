# Slice assignment on bytearray and memoryview allocates nothing when the size
# is kept or shrinks; growing a list or bytearray through a slice counts against the
# heap and raises MemoryError while it is locked.
import micropython

b = bytearray(range(8))
m = memoryview(b)
micropython.heap_lock()
b[1:3] = b"xy"
m[4:6] = b"zw"
b[6:8] = b""
micropython.heap_unlock()
print(b)

# Getting a slice of a bytearray makes a new object: that allocates.
micropython.heap_lock()
try:
    b[0:2]
except MemoryError:
    print("MemoryError: get")
micropython.heap_unlock()


l = [1, 2]
micropython.heap_lock()
try:
    l[:] = [3, 4, 5, 6, 7, 8, 9, 10]
except MemoryError:
    print("MemoryError: list grow")
micropython.heap_unlock()
print(l)

ba = bytearray(4)
micropython.heap_lock()
try:
    ba[:] = b"12345678"
except MemoryError:
    print("MemoryError: bytearray grow")
micropython.heap_unlock()
ba[:] = b"12345678"
print(ba)
