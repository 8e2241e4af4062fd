# select.poll over Python streams (io.IOBase with ioctl) and file descriptors.
import select, io, errno, micropython


class Flag(io.IOBase):
    def __init__(self, name):
        self.name = name
        self.state = 0

    def ioctl(self, req, arg):
        if req == 3:  # MP_STREAM_POLL
            return self.state & arg if self.state >= 0 else self.state
        return -1

    def __repr__(self):
        return "<Flag %s>" % self.name


a, b = Flag("a"), Flag("b")
p = select.poll()
p.register(a)
p.register(b, select.POLLIN)
print(p.poll(0))
a.state = select.POLLOUT
print(p.poll(0))
b.state = select.POLLIN | select.POLLOUT
print(sorted(p.poll(0), key=lambda t: t[0].name))
p.modify(a, select.POLLIN)
print(p.poll(0))
p.unregister(b)
p.unregister(b)  # not registered: ignored
print(p.poll(10))
try:
    p.modify(b, select.POLLIN)
except OSError as e:
    print("modify", e.errno == errno.ENOENT)

# ipoll hands out one reused tuple; flag 1 reports an object once.
a.state = select.POLLIN
print([t for t in p.ipoll(0)])
for obj, ev in p.ipoll(0, 1):
    print(obj, ev)
print(list(p.ipoll(0)))
p.modify(a, select.POLLIN)
print(len(list(p.ipoll(0))))

# A negative answer from ioctl is an OSError with that errno.
a.state = -errno.EIO
try:
    p.poll(0)
except OSError as e:
    print("OSError", e.errno)
a.state = 0

# Nothing ready: poll waits for the timeout and returns nothing.
import time
t = time.ticks_ms()
print(p.poll(30), time.ticks_diff(time.ticks_ms(), t) >= 25)

# Polling in a loop allocates nothing (the asyncio scheduler relies on it).
a.state = select.POLLIN
for _ in p.ipoll(0):
    pass
micropython.heap_lock()
n = 0
for i in range(3):
    for obj, ev in p.ipoll(0):
        n += ev
micropython.heap_unlock()
print(n)

# File descriptors: stdout is writable.
q = select.poll()
q.register(1, select.POLLOUT)
print(q.poll(0))

# select.select
print(select.select([a], [b], [], 0))
print(select.select([], [1], [], 0))

for bad in (-1, object(), "x"):
    try:
        select.poll().register(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__)

# micropython.RingIO is a pollable stream.
r = micropython.RingIO(4)
q = select.poll()
q.register(r)
print([ev for _, ev in q.poll(0)])
r.write(b"abcd")
print([ev for _, ev in q.poll(0)])
r.read(2)
print([ev for _, ev in q.poll(0)])
