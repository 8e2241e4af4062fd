# Operands an instruction is using stay alive when Python code it runs collects garbage.
import gc

from gcpkg.sub import A, B

print(A, B)


class H:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        gc.collect()
        [str(i) for i in range(50)]
        return self.v

    def __eq__(self, o):
        return self.v == o.v


d = {}
d[H(1)] = [1, 2, 3]
print(list(d.values()))
print({H(2): (4, 5)}[H(2)])
print(H(3) in {H(3): [6]}, H(4) in [H(4), [7]])
print({k.v: v for k, v in [(H(5), [8, 9])]})


class S:
    def __setattr__(self, n, v):
        gc.collect()
        [str(i) for i in range(50)]
        object.__setattr__(self, n, v)


s = S()
s.x = [10, 11]
print(s.x)
