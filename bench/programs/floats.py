# Float arithmetic: a small n-body style integration.
def run():
    xs = [0.0, 1.0, 2.5, -1.5]
    vs = [0.1, -0.2, 0.05, 0.0]
    dt = 0.001
    for step in range(60000):
        for i in range(4):
            a = 0.0
            xi = xs[i]
            for j in range(4):
                if i != j:
                    d = xs[j] - xi
                    a += d / (d * d + 0.01)
            vs[i] += a * dt
        for i in range(4):
            xs[i] += vs[i] * dt
    return round(sum(xs), 6)


REPEAT = 2
for _ in range(REPEAT - 1):
    run()
print(run())
