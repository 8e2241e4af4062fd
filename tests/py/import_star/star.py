# from M import *: __all__ (tuple or list, also via module __getattr__), public names otherwise,
# and objects other than modules in sys.modules
import sys

from star_plain import *

print(a, "_b" in globals())

from star_mods import *

print(shown, lazy, "hidden" in globals())

for name in ("star_badall", "star_missing", "star_raises"):
    try:
        exec("from %s import *" % name)
        print(name, "imported")
    except Exception as e:
        print(name, type(e).__name__)


class K:
    kx = "class attr"

    def __init__(self):
        self.ix = "instance attr"


sys.modules["fake"] = K
from fake import *

print(kx)
sys.modules["fake"] = K()
from fake import *

print(ix)


class WithAll:
    __all__ = ["p"]
    p = "p from __all__"
    q = "q"


sys.modules["fake"] = WithAll
q = None
from fake import *

print(p, q)
sys.modules["fake"] = 3
try:
    from fake import *
except (AttributeError, ImportError):
    print("no __dict__")
