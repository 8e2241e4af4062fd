# heapq: push, pop, heapify keep the smallest item first
import heapq

h = []
for x in (5, 3, 8, 1, 9, 2, 7):
    heapq.heappush(h, x)
print(h[0], len(h))
out = []
while h:
    out.append(heapq.heappop(h))
print(out)
h = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
heapq.heapify(h)
print(h[0], [heapq.heappop(h) for i in range(4)])
h = [(2, "b"), (1, "a"), (3, "c")]
heapq.heapify(h)
print(heapq.heappop(h), heapq.heappop(h))
try:
    heapq.heappop([])
except IndexError:
    print("IndexError")
try:
    heapq.heappush((), 1)
except TypeError:
    print("TypeError")
