# Collections triggered from Python callbacks while native code holds values
import gc

def key(x):
    gc.collect()
    return [x[1], str(x[0]) if False else x[0]]

items = [(i, (i * 7) % 5) for i in range(12)]
print(sorted([tuple(t) for t in items], key=key))
print(min((list(t) for t in items), key=key), max((list(t) for t in items), key=key))

class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        gc.collect()
        return self.v % 3
    def __eq__(self, o):
        gc.collect()
        return isinstance(o, H) and self.v == o.v
    def __repr__(self):
        return "H" + repr(self.v)

s = set(H(i) for i in range(6))
print(sorted(x.v for x in s.union([H(7)], (H(i) for i in range(3)))))
print(sorted(x.v for x in s.intersection(H(i) for i in range(2, 9))))
print(sorted(x.v for x in s.difference([H(0), H(5)])))
d = dict((H(i), [i] * 2) for i in range(5))
d.update((H(i), (i, i)) for i in range(3, 7))
print(sorted((k.v, v) for k, v in d.items()))
print(d.keys(), H(2) in d.keys(), [9, 9] in d.values())
print(sum(([i] for i in range(5)), []))
l = [[i] for i in range(8)]
l.sort(key=lambda x: (gc.collect(), -x[0])[1])
print(l)
print(list(map(lambda a, b: (gc.collect(), [a, b])[1], range(3), "abc")))
print(list(zip((str(i) if False else [i] for i in range(3)), range(3))))
print(list(filter(lambda x: (gc.collect(), x[0] % 2)[1], ([i] for i in range(6)))))
print(dict.fromkeys((H(i) for i in range(3)), [0]))
