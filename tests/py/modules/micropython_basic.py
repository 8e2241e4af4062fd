# micropython: const, opt_level, heap lock, kbd_intr, schedule queue limits
import micropython

X = micropython.const(42)
print(X)
print(micropython.opt_level())
micropython.opt_level(1)
print(micropython.opt_level())
micropython.opt_level(0)
micropython.heap_lock()
micropython.heap_lock()
print(micropython.heap_locked())
try:
    print([1, 2])
except MemoryError:
    print("MemoryError")
print(micropython.heap_unlock())
try:
    print([3])
except MemoryError:
    print("MemoryError")
print(micropython.heap_unlock())
print([4])
micropython.kbd_intr(3)
micropython.alloc_emergency_exception_buf(100)
print(micropython.stack_use() >= 0)


def cb(x):
    pass


def filler(_):
    # Callbacks don't run inside a callback, so this fills the queue (as MicroPython's test does).
    try:
        for i in range(20):
            micropython.schedule(cb, i)
    except RuntimeError as e:
        print("RuntimeError", e)


micropython.schedule(filler, None)
for _ in range(3):
    pass
