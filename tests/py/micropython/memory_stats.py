# micropython.mem_total/mem_current/mem_peak follow allocation; BytesIO(n) reserves room
# so writes fit while the heap is locked; BytesIO(bytes) shares the bytes until written.
import io
import micropython

t, c, p = micropython.mem_total(), micropython.mem_current(), micropython.mem_peak()
big = list(range(5000))
print(micropython.mem_total() > t, micropython.mem_current() > c, micropython.mem_peak() > p)
t = micropython.mem_total()
big = None
print(micropython.mem_total() >= t, micropython.mem_peak() >= micropython.mem_current())

buf = io.BytesIO(40)
print(buf.getvalue(), buf.tell())
chunk = b"abcd" * 10
micropython.heap_lock()
buf.write(chunk)
micropython.heap_unlock()
print(buf.getvalue())
micropython.heap_lock()
try:
    buf.write(b"!")
except MemoryError:
    print("MemoryError")
micropython.heap_unlock()

data = b"0123456789" * 100
before = micropython.mem_total()
shared = io.BytesIO(data)
print(micropython.mem_total() - before < len(data))
print(shared.read(4), shared.seek(0, 2), shared.read())
shared.seek(2)
shared.write(b"xy")
shared.seek(0)
print(shared.read(6), data[:6])
print(io.StringIO(8).getvalue() == "")
