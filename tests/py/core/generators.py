# generators: send, throw, close, yield from, generator expressions
def counter(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1


g = counter(10)
print(next(g), next(g), g.send(7), next(g))


def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            print("caught", e)


c = catcher()
next(c)
print(c.throw(ValueError("boom")))


def closer():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


cl = closer()
print(next(cl))
cl.close()


def inner():
    x = yield "a"
    yield x
    return "done"


def outer():
    r = yield from inner()
    yield r


o = outer()
print(next(o), o.send("b"), next(o))
print(sum(x * x for x in range(5)), list(i for i in "abc"))
squares = (n * n for n in range(4))
print(list(squares), list(squares))
