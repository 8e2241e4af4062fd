# Allocates and collects while the importer's fromlist tuple is only on its stack.
import gc

junk = [[i] * 4 for i in range(200)]
del junk
gc.collect()
tail = [(i, str(i)) for i in range(100)]
A = "a"
B = "b"
