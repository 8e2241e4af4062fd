# cmdline: -X heapsize=24k
# Fill the Python heap three ways, and get it back each time: a full heap is a
# MemoryError (the heap limit fits the allocator arena), never an allocation failure that
# reboots a board. tests/zephyr/memory runs this same file frozen on the boards.
import gc

gc.collect()
start = gc.mem_free()
print("heap free at start:", start > 4096)
for rnd in range(3):
    kept = []
    try:
        while True:
            kept.append(bytes(200) if rnd == 0 else str(len(kept)) * 9 if rnd == 1 else [rnd] * 20)
    except MemoryError:
        n = len(kept)
    kept = None
    gc.collect()
    print("round", rnd, "MemoryError after", n > 10, "objects; heap back:", gc.mem_free() > start // 2)
d = {}
try:
    for i in range(1000000):
        d[i] = i * 3
except MemoryError:
    print("dict full:", len(d) > 10)
d = None
gc.collect()
print("memory test done")
