# Ranges near sys.maxsize index and iterate correctly (values beyond the small-int range).
from sys import maxsize

r = range(-maxsize + 1, -1)
print(r[0] == -maxsize + 1, r[1] == -maxsize + 2, r[-1], len(range(0, maxsize, maxsize // 4)))
print([x - maxsize for x in iter(range(maxsize - 3, maxsize))])
print([x - maxsize for x in range(maxsize - 2, maxsize)])
