"""A frozen module with constants of every kind."""

big = 12345678901234567890
ratio = 1.5
text = "a string constant long enough not to be interned, " * 2
raw = b"\x00\x01bytes"
pair = (1, "two", 3.0)


def double(x):
    return 2 * x


def make_counter():
    n = 0

    def count():
        nonlocal n
        n += 1
        return n

    return count
