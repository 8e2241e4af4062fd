# String building, splitting, joining, slicing, searching and formatting.
def run():
    r = None
    for rep in range(10):
        r = run1()
    return r


def run1():
    parts = []
    for i in range(5000):
        parts.append("item%d" % i)
    s = ",".join(parts)
    words = s.split(",")
    n = 0
    for w in words:
        if w.startswith("item1"):
            n += len(w)
        n += w.find("9")
    t = "{}-{}".format(len(s), n)
    return t + s[100:110].upper()


REPEAT = 8
for _ in range(REPEAT - 1):
    run()
print(run())
