# cmdline: -X heapsize=32k
# Reading a file again and again in a small heap: each read finds the garbage of the earlier
# ones (the file object and data it dropped) instead of running out, and what does not fit
# is a MemoryError, never a crash. On a board the read path once exhausted the allocator.
import gc

name = "_reads_collect.bin"
with open(name, "wb") as f:
    f.write(bytes(range(256)) * 16)

print(sum(len(open(name, "rb").read()) for i in range(8)))
for i in range(8):
    d = open(name, "rb").read()
print(len(d), d[:3], d[-1])
import io
b = io.BytesIO(d)
print(len(b.getvalue()), len(b.read(100)), len(b.read()))
b = d = None
try:
    kept = [open(name, "rb").read() for i in range(40)]
except MemoryError:
    print("MemoryError")
kept = None
print(len(open(name, "rb").read()))

import os
os.remove(name)
