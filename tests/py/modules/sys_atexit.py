# sys.atexit: one function, called when the program ends (also after sys.exit).
import sys

print(sys.atexit(lambda: print("first")))
prev = sys.atexit(lambda: print("bye", len(sys.argv) >= 1))
print(prev is not None)
print("main done")
sys.exit(0)
