# a builtin function stored in a class acts like a staticmethod; other callables don't bind
class A:
    def __init__(self, v):
        self.v = v

    def __call__(self, x):
        return "call", self.v, x

    def m(self, x):
        return "m", self.v, x


class C:
    f_abs = abs
    f_len = len
    f_type = int
    f_inst = A(1)
    f_bound = A(2).m

    def meth(self):
        return self is c


class D(C):
    pass


c = C()
print(c.f_abs(-3), c.f_len("ab"), c.f_type("7"), c.f_inst(4), c.f_bound(5))
print(C.f_abs(-3), C.f_len("abc"), C.f_inst(6), c.meth())
d = D()
print(d.f_abs(-8), d.f_len([1]))


# builtin methods reached through a native base still bind
class L(list):
    ext = list.extend


lst = L()
lst.append(1)
print(lst)
lst.ext([2, 3])
print(lst)


# ...and so do object's methods
class H:
    same = object.__eq__


x = H()
print(x.same(x), x.same(1))
