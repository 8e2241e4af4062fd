# gc: enable/disable, collect, memory figures, threshold
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
junk = None
i = 0
while i < 100:
    junk = [junk, i]
    i += 1
junk = None
gc.collect()
print(gc.mem_free() > 0, gc.mem_alloc() > 0)
print(gc.threshold(1) is None, gc.threshold())
print(gc.threshold(-1) is None, gc.threshold())
print(gc.threshold(100) is None, gc.threshold())
