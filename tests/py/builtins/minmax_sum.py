print(min([3, 1, 2]), max([3, 1, 2]), min(3, 1, 2), max("b", "a", "c"))
print(min([], default=7), max((), default=None))
print(max([1, -5, 3], key=abs), min(["aa", "b", "ccc"], key=len))
print(max([(1, "a"), (1, "b")], key=lambda p: p[0]))
print(min([(1, "a"), (1, "b")], key=lambda p: p[0]))
try:
    min([])
except ValueError:
    print("ValueError")
try:
    max(1, 2, default=0)
except TypeError:
    print("TypeError")
print(sum([]), sum([1, 2, 3]), sum(range(5), 10), sum([0.5, 0.25]), sum([[1], [2]], []))
print(any([]), any([0, 1]), all([]), all([1, 0]), all(x > 0 for x in range(1, 4)))
def gen():
    yield 1
    yield 2
print(sum(gen()), max(gen()), sorted(gen(), reverse=True))
