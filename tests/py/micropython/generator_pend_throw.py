# MicroPython's generator.pend_throw(exc): thrown in at the next resume, returns the old one
def counter():
    n = 0
    while True:
        try:
            yield n
        except KeyError as e:
            print("caught", repr(e))
        n += 1


g = counter()
print(g.pend_throw(None))
print(next(g), next(g))
print(g.pend_throw(KeyError("k")))
print(repr(g.pend_throw(KeyError("k2"))))
print(g.send("ignored"))
print(next(g))
g.pend_throw(KeyError("x"))
print(repr(g.pend_throw(None)), next(g))
# a pending exception class is instantiated when thrown
g.pend_throw(ValueError)
try:
    next(g)
except ValueError as e:
    print("ValueError", repr(e))
print(next(g, "finished"))
# unstarted: raised at once
g = counter()
g.pend_throw(KeyError("early"))
try:
    next(g)
except KeyError as e:
    print("KeyError", e)


# not while running
def selfish():
    me.pend_throw(IndexError())
    yield


me = selfish()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)
# a finished generator ignores it
g = counter()
next(g)
g.close()
g.pend_throw(KeyError())
print(next(g, "done"))
