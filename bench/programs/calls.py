# Function calls: recursion with positional arguments.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


REPEAT = 4
for _ in range(REPEAT - 1):
    fib(28)
print(fib(28))
