def show(s):
    print(type(s).__name__, sorted(s))

show(set())
show(set([3, 1, 2, 1]))
show(frozenset("abca"))
s = {1, 2}
s.add(3)
s.add(3)
s.discard(9)
s.discard(1)
show(s)
s.remove(2)
try:
    s.remove(2)
except KeyError:
    print("KeyError")
print(s.pop(), s)
try:
    s.pop()
except KeyError:
    print("KeyError")
a = {1, 2, 3, 4}
b = [3, 4, 5]
show(a.union(b, (9,)))
show(a.intersection(b))
show(a.difference(b))
show(a.symmetric_difference(b))
show(a.intersection(b, [4]))
show(a.difference(b, [1]))
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint([7, 8]), a.isdisjoint(b))
c = a.copy()
c.update([7], {8})
show(c)
c.intersection_update(range(4, 10))
show(c)
c.difference_update([8])
show(c)
c.symmetric_difference_update([4, 5])
show(c)
c.clear()
show(c)
f = frozenset([1, 2])
show(f.union([3]))
show(f.intersection([2]))
print(f.copy() is f, f.issubset({1, 2, 3}))
try:
    f.add(1)
except AttributeError:
    print("AttributeError")
