# Raising and catching exceptions, try/finally.
class Oops(Exception):
    pass


def risky(i):
    if i % 3 == 0:
        raise Oops(i)
    return i


def run():
    caught = 0
    total = 0
    for i in range(300000):
        try:
            total += risky(i)
        except Oops:
            caught += 1
        finally:
            total += 1
    return caught, total


REPEAT = 6
for _ in range(REPEAT - 1):
    run()
print(run())
