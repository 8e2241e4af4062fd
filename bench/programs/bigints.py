# Arbitrary-precision integers: factorials, powers, division.
def run():
    f = 1
    for i in range(1, 1200):
        f *= i
    p = 3 ** 2000
    q = f // p
    r = f % 1000000007
    s = 0
    for i in range(2000):
        s += (p >> i) & 0xFFFF
    return (len(str(q)), r, s)


REPEAT = 40
for _ in range(REPEAT - 1):
    run()
print(run())
