# int() accepts __int__ and __index__ results only when they are ints.
class BadInt:
    def __int__(self):
        return None


class Idx:
    def __index__(self):
        return 3


try:
    int(BadInt())
except TypeError:
    print("TypeError")
print(int(Idx()), int(True), int("12"), int(2.9))
