# Attribute reads and writes on instances and class attributes.
class Point:
    scale = 3

    def __init__(self, x, y):
        self.x = x
        self.y = y


def run():
    p = Point(1, 2)
    s = 0
    for i in range(1000000):
        p.x = i
        s += p.x + p.y * p.scale
    return s


REPEAT = 4
for _ in range(REPEAT - 1):
    run()
print(run())
