# Tight loops over locals: for/range and while.
def run():
    total = 0
    for i in range(3000000):
        total += i & 7
    j = 0
    while j < 2000000:
        j += 1
        total -= 1
    return total


REPEAT = 3
for _ in range(REPEAT - 1):
    run()
print(run())
