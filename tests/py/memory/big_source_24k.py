# cmdline: -X heapsize=24k -X arena=48k
# Big sources in a board-sized memory (a 24 KB heap in a 48 KB allocator arena, as on
# mps2/an385 with CONFIG_ZYTHON_HEAP_SIZE=24576): each one runs or ends with MemoryError,
# never with an allocation failure that aborts (a board would reboot), and the interpreter
# keeps working afterwards.
import gc


def attempt(make):
    gc.collect()
    try:
        src = make()
        exec(src, {})
        return "ran"
    except MemoryError:
        return "MemoryError"


def assignments(n):
    return lambda: "\n".join("x%d = %d" % (i, i) for i in range(n))


for n in (150, 300, 1200, 3000):
    print(n, attempt(assignments(n)) in ("ran", "MemoryError"))
print("list", attempt(lambda: "x = [" + "1234567, " * 2000 + "]") in ("ran", "MemoryError"))
print("nested", attempt(lambda: "x = " + "(" * 150 + "1" + ")" * 150) in ("ran", "MemoryError"))
print("string", attempt(lambda: "x = '" + "abcdefgh" * 1500 + "'") in ("ran", "MemoryError"))
print("bytes", attempt(lambda: "x = b'" + "\\x00" * 3000 + "'") in ("ran", "MemoryError"))
print("crlf", attempt(lambda: "x = 1\r\n" * 2000) in ("ran", "MemoryError"))
print("calls", attempt(lambda: "f = max\n" + "f(1, 2, 3)\n" * 1000) in ("ran", "MemoryError"))
print("defs", attempt(lambda: "".join("def f%d(a):\n    return a + %d\n" % (i, i) for i in range(300))) in ("ran", "MemoryError"))
# Still working, and the heap is back.
gc.collect()
print(sum(range(10)), gc.mem_free() > 2000)
