class L(list):
    def __getitem__(self, i):
        return super().__getitem__(i) * 10
    def __setitem__(self, i, v):
        super().__setitem__(i, v + 1)
    def __len__(self):
        return super().__len__() + 100
    def __contains__(self, x):
        return super().__contains__(x - 1)

l = L([1, 2, 3])
print(l[0], l[1:], len(l), 2 in l, 1 in l)
l[0] = 5
print(l[0], list(l), [x for x in l])
del l[0]
print(list(l))
class T(tuple):
    def __getitem__(self, i):
        return -super().__getitem__(i)
t = T((1, 2))
print(t[1], len(t), list(t), 1 in t, t)
print([1, 2].__len__(), (1,).__getitem__(0), [3].__contains__(3))
