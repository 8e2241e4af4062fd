# A user exception is incomplete until its __init__ returns or calls the base __init__:
# raising it before that is a TypeError (MicroPython). The base __init__ sets args.


class Early(Exception):
    def __init__(self):
        raise self


class Mixed(Early):
    pass


class Other:
    pass


class Late(Other, ValueError):
    def __init__(self, x):
        super().__init__("late", x)
        raise self


class Plain(Exception):
    def __init__(self, *a):
        self.n = len(a)


for cls in (Early, Mixed):
    try:
        cls()
    except TypeError as e:
        print("TypeError", e)

try:
    Late(3)
except ValueError as e:
    print("ValueError", e.args)

p = Plain(1, 2)
print(p.n, p.args)
try:
    raise p
except Plain as e:
    print("raised", e.args)


class Reset(Exception):
    def __init__(self, x):
        super().__init__()
        self.x = x


r = Reset(4)
print(r.args, r.x)
