# != uses __ne__, else the inverse of __eq__, on the left then the right operand
class E:
    def __repr__(self):
        return "E"

    def __eq__(self, other):
        print("E eq", other)
        return 123

class F:
    def __repr__(self):
        return "F"

    def __ne__(self, other):
        print("F ne", other)
        return -456

class N:
    def __eq__(self, other):
        return NotImplemented

print(E() != F(), F() != E())
print(None != E(), E() != 1, 1 != F())
n = N()
print(n != n, n != N(), n == n)
