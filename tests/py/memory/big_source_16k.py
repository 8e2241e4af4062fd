# cmdline: -X heapsize=16k -X arena=50k
# Big sources in a board's memory (a 16 KB heap in a 50 KB allocator arena; mps2/an385 with
# CONFIG_ZYTHON_HEAP_SIZE=16384 has 48 KB, where today's merged tree raises MemoryError while
# compiling this file itself: an open item): each one runs or ends in MemoryError, never in an
# allocation failure that aborts (a board reboots), and the interpreter keeps working.
import gc

for k in range(7):
    src = None
    gc.collect()
    try:
        if k == 0:
            src = "x = [" + "1234567, " * 2000 + "]"
        elif k == 1:
            src = "x = " + "(" * 150 + "1" + ")" * 150
        elif k == 2:
            src = "x = '" + "abcdefgh" * 1500 + "'"
        elif k == 3:
            src = "x = b'" + "\\x00" * 3000 + "'"
        elif k == 4:
            src = "x = 1\r\n" * 2000
        elif k == 5:
            src = "f = max\n" + "f(1, 2, 3)\n" * 1000
        else:
            src = "".join("def f%d(a):\n    return a + %d\n" % (i, i) for i in range(300))
        exec(src, {})
    except MemoryError:
        pass
src = None
print("sources done")
for n in (150, 300, 1200, 3000):
    gc.collect()
    try:
        exec("\n".join("x%d = %d" % (i, i) for i in range(n)), {})
    except MemoryError:
        pass
gc.collect()
print("assignments done", sum(range(10)))
