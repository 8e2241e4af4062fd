# list constructor and methods
print(list(), list((1, 2)), list("ab"), list(range(3)))
l = [3, 1, 2]
l.append(4)
l.extend((5, 6))
l.extend(l)
print(l)
l.insert(0, 9)
l.insert(-1, 8)
l.insert(100, 7)
l.insert(-100, 0)
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
print(l.index(2), l.index(2, 3), l.count(2), l.count(42))
try:
    l.index(42)
except ValueError:
    print("ValueError")
l.remove(2)
print(l)
try:
    l.remove(42)
except ValueError:
    print("ValueError")
l.reverse()
print(l)
c = l.copy()
l.clear()
print(l, c, c is l)
try:
    [].pop()
except IndexError:
    print("IndexError")
try:
    [1].pop(5)
except IndexError:
    print("IndexError")

# sort: stable, key=, reverse=
words = ["pear", "fig", "apple", "kiwi", "date", "banana"]
w = words[:]
w.sort()
print(w)
w.sort(key=len)
print(w)
w.sort(key=len, reverse=True)
print(w)
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
pairs.sort(key=lambda p: p[0])
print(pairs)
pairs.sort(key=lambda p: p[0], reverse=True)
print(pairs)
nums = [5, -3, 2.5, 0, 10, -7]
nums.sort(reverse=True)
print(nums)
try:
    [1, "a", 2].sort()
except TypeError:
    print("TypeError")

class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return "K(" + repr(self.v) + ")"

ks = [K(i * 7 % 11) for i in range(11)]
ks.sort()
print(ks)
print(sorted([3, 1, 2]), sorted("cba", reverse=True), sorted({1: 0, 0: 1}))
print(sorted(range(10), key=lambda x: (x % 3, -x)))

class L(list):
    pass

x = L([1, 2])
x.append(3)
print(x, len(x), x.pop(), x)
