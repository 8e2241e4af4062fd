# print(file=stream) writes each item, separator and end with its own write() call.
class Log:
    def __init__(self):
        self.calls = []

    def write(self, s):
        self.calls.append(s)
        return len(s)


log = Log()
print("a", 1, [2], sep="-", end="!\n", file=log)
print(log.calls)
