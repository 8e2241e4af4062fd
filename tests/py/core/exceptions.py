# try/except/else/finally, raise from, nested handlers, with
def g(x):
    try:
        if x:
            raise ValueError("bad", x)
    except ValueError as e:
        print("caught", e.args)
        return "from except"
    else:
        print("no error")
    finally:
        print("finally", x)
    return "end"

print(g(0))
print(g(1))

class CM:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True

with CM() as m:
    raise KeyError("k")
print("after with")

for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("fin", i)

class MyErr(Exception):
    pass

try:
    try:
        raise MyErr("inner")
    except MyErr:
        raise
except Exception as e:
    print(type(e).__name__, isinstance(e, MyErr), e)

try:
    [][1]
except IndexError:
    print("IndexError")
try:
    {}["x"]
except KeyError as e:
    print("KeyError", e.args)
