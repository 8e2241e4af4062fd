# sys.stdin at end of input (the test runner gives no input)
import sys

print(repr(sys.stdin.read()), repr(sys.stdin.readline()), sys.stdin.buffer.read(3))
print(sys.stdout.fileno(), sys.stderr.fileno())
