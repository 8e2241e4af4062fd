# Dictionary insertion, lookup, update and iteration with str and int keys.
def run():
    d = {}
    for i in range(20000):
        d["k" + str(i % 500)] = i
        d[i] = i * 2
    s = 0
    for k in d:
        if type(k) is int:
            s += d[k]
    for i in range(50000):
        s += d.get("k" + str(i % 700), 1)
    return s


REPEAT = 1
for _ in range(REPEAT - 1):
    run()
print(run())
