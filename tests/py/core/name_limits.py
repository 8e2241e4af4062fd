# Names are at most 255 bytes (MicroPython keeps a qstr's length in a byte): longer ones raise
# RuntimeError("name too long") wherever a name is made.


def name(n):
    return "".join(chr(97 + i % 26) for i in range(n))


def attempt(what, f):
    try:
        f()
        print(what, "ok")
    except RuntimeError as e:
        print(what, "RuntimeError", e)


class A:
    pass


def kw(**k):
    return len(k)


for n in (255, 256):
    print(n)
    attempt("identifier", lambda: exec(name(n) + " = 1", {}))
    attempt("setattr", lambda: setattr(A(), name(n), 1))
    attempt("type", lambda: type(name(n), (), {}))
    attempt("**kwargs", lambda: kw(**{name(n): 1}))
    attempt("% key", lambda: ("%(" + name(n) + ")d") % {name(n): 1})
attempt("import", lambda: exec("import " + name(128) + "." + name(128)))
