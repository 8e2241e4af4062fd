# control flow: loops with else, break/continue through finally, while/else, chained compares
for i in range(3):
    pass
else:
    print("for-else", i)

for i in range(5):
    if i == 2:
        break
else:
    print("not printed")
print("broke at", i)

n = 0
while n < 3:
    n += 1
else:
    print("while-else", n)


def f():
    for i in range(3):
        try:
            if i == 1:
                return "returned in try"
        finally:
            print("finally", i)


print(f())


def g():
    try:
        return 1
    finally:
        print("g finally")


print(g())
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0, 3 if x > 4 else 4)
print(not x, x and 0, x or 0, None or "default")
total = 0
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    total += a * b + c
print(total)
try:
    assert x == 6, "x is not six"
except AssertionError as e:
    print("assert", e)
