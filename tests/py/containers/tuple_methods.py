print(tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)))
t = (1, 2, 3, 2, 1)
print(t.index(2), t.index(2, 2), t.index(1, -1), t.count(1), t.count(9))
try:
    t.index(9)
except ValueError:
    print("ValueError")
try:
    t.index(3, 0, 2)
except ValueError:
    print("ValueError")
x = (1, 2)
print(tuple(x) is x)
