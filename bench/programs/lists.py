# Lists: comprehensions, append, sort, slicing, indexing.
def run():
    data = [(i * 7919) % 10007 for i in range(30000)]
    data.sort()
    evens = [x for x in data if x % 2 == 0]
    total = 0
    for i in range(0, len(evens), 3):
        total += evens[i]
    rev = data[::-1]
    return total + rev[0] + len(evens[10:20])


REPEAT = 20
for _ in range(REPEAT - 1):
    run()
print(run())
