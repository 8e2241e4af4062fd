# random: bounds, repeatability, errors (values themselves are not compared)
import random

ok = True
for b in (1, 2, 3, 4, 16, 32):
    for i in range(50):
        ok = ok and random.getrandbits(b) < (1 << b)
print(ok)
random.seed(0)
print(random.getrandbits(16) != 0 or random.getrandbits(16) != 0)
random.seed(1)
r = [random.getrandbits(16), random.random(), random.randint(1, 100)]
random.seed(1)
print(r == [random.getrandbits(16), random.random(), random.randint(1, 100)])
print(random.getrandbits(0))
ok = True
for i in range(200):
    ok = ok and 0 <= random.randrange(10) < 10
    ok = ok and 5 <= random.randrange(5, 8) < 8
    ok = ok and random.randrange(0, 10, 3) in (0, 3, 6, 9)
    ok = ok and random.randrange(10, 0, -4) in (10, 6, 2)
    ok = ok and 1 <= random.randint(1, 3) <= 3
    ok = ok and random.choice("abc") in "abc"
    f = random.random()
    ok = ok and 0.0 <= f < 1.0
    u = random.uniform(2, 4)
    ok = ok and 2 <= u <= 4
print(ok)
for f, args in (
    (random.getrandbits, (-1,)),
    (random.getrandbits, (33,)),
    (random.randrange, (0,)),
    (random.randrange, (1, 1)),
    (random.randrange, (1, 5, 0)),
    (random.randint, (5, 1)),
):
    try:
        f(*args)
    except ValueError:
        print("ValueError")
try:
    random.choice([])
except IndexError:
    print("IndexError")
random.seed()
print(random.getrandbits(8) < 256)
