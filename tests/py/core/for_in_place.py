# for loops over tuples, lists and ranges iterate in place (no heap iterator), also past
# the small-int range and under micropython.heap_lock().
for x in (1, 2, 3): print(x, end=" ")
l = [1, 2, 3]
for x in l:
    if x == 1: l.append(4)
    print(x, end=" ")
print()
for i in range(3, -4, -2): print(i, end=" ")
for i in range(2**62 - 3, 2**62 + 2): print(i - 2**62, end=" ")
print()
for i in range(5):
    if i == 2: break
print(i, sum(x for x in [1, 2, 3]), [y * 2 for y in (1, 2)], list(range(0)))
def g():
    for x in [10, 20]:
        yield x
print(list(g()))
for a, b in [(1, 2), (3, 4)]: print(a + b, end=" ")
print()
import micropython
micropython.heap_lock()
t = 0
for x in (1, 2, 3):
    t += x
for x in range(10):
    t += x
micropython.heap_unlock()
print(t)
