# __import__ with level >= 1 from code in a package resolves relative to that package.
import relpkg

print(relpkg.opt.__name__, relpkg.opt.value)
print(relpkg.load("opt") is relpkg.opt)
from relpkg import sub

print(sub.via_globals().__name__)
print(sub.parent().__name__)
