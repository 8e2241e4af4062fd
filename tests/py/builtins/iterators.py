print(list(enumerate("ab")), list(enumerate("ab", 5)), list(enumerate("ab", start=-1)))
print(list(zip()), list(zip([1, 2, 3], "ab")), list(zip(range(2), range(5), "xyz")))
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(None, [0, 1, "", "a"])), list(filter(lambda x: x % 2, range(7))))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")))
print(list(reversed(range(5))), list(reversed(range(1, 10, 3))), list(reversed(range(0))))

class R:
    def __reversed__(self):
        return iter([3, 2, 1])

class S:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10

print(list(reversed(R())), list(reversed(S())))
for it in (enumerate([]), zip(), map(abs, []), filter(None, []), reversed([]), iter([])):
    print(iter(it) is it)
e = enumerate("xy")
print(next(e), e.__next__())
try:
    next(e)
except StopIteration:
    print("StopIteration")
r = range(2, 20, 3)
print(r.start, r.stop, r.step, len(r), r.index(8), r.count(8), r.count(9), r[2], r[-1])
print(range(5), range(1, 5), range(1, 5, 2), len(range(10, 0, -3)), list(range(10, 0, -3)))
try:
    range(1, 2, 0)
except ValueError:
    print("ValueError")
try:
    r.index(9)
except ValueError:
    print("ValueError")
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, slice(5).stop, slice(5).start)
print(s.indices(6), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print([0, 1, 2, 3, 4, 5][slice(1, None, 2)])
