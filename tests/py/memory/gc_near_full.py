# cmdline: -X heapsize=400000
# With the heap nearly full, filling it takes a bounded number of collections, and loops
# that only drop references still get collections, so room they free is there for the
# next allocation (as MicroPython, which collects when an allocation fails).


lst = []
n = 0
while True:
    try:
        lst = [lst]
        n += 1
    except MemoryError:
        break
print(n > 1000)
while lst:
    lst[0], lst = None, lst[0]
big = bytearray(80000)
print(len(big))
